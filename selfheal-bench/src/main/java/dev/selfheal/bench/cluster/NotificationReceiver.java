package dev.selfheal.bench.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A webhook receiver on loopback standing in for Slack or a team's webhook: it counts every
 * delivery by its kind and the incidents it names, and notes which fault of the
 * {@link WatchedService} was current when it arrived. The same (kind, incident) delivered twice
 * is a duplicate notification.
 */
public final class NotificationReceiver implements AutoCloseable {

    /** One delivery: its kind ({@code firing}, {@code resolved}, ...), the incidents it names, the fault current then. */
    public record Delivery(String kind, List<String> incidents, List<String> components, int fault, long atNanos) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    public NotificationReceiver(IntSupplier currentFault) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                List<String> incidents = new java.util.ArrayList<>();
                List<String> components = new java.util.ArrayList<>();
                for (JsonNode alert : body.path("alerts")) {
                    components.add(alert.path("component").asText());
                    if (alert.hasNonNull("incident_id")) {
                        incidents.add(alert.path("incident_id").asText());
                    }
                }
                deliveries.add(new Delivery(body.path("kind").asText(), List.copyOf(incidents), List.copyOf(components), currentFault.getAsInt(), System.nanoTime()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** Where the nodes' webhook receiver points. */
    public String url() {
        return "http://127.0.0.1:%d/hook".formatted(server.getAddress().getPort());
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /**
     * Notifications a person got twice, over all received so far: {@code firing} deliveries about one
     * component during one fault beyond the first (two incidents opened for one fault by two nodes tell twice too), and
     * deliveries of any other kind for one incident beyond the first.
     */
    public long duplicates() {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        long duplicates = 0;
        for (Delivery d : deliveries) {
            if (d.kind().equals("firing")) {
                for (String component : d.components()) {
                    if (seen.merge("firing/fault-" + d.fault() + "/" + component, 1, Integer::sum) > 1) {
                        duplicates++;
                    }
                }
                continue;
            }
            for (String incident : d.incidents()) {
                if (seen.merge(d.kind() + "/" + incident, 1, Integer::sum) > 1) {
                    duplicates++;
                }
            }
        }
        return duplicates;
    }

    /** The {@code firing} deliveries that arrived while fault {@code fault} was current. */
    public long firingDuring(int fault) {
        return deliveries.stream().filter(d -> d.fault() == fault && d.kind().equals("firing")).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
