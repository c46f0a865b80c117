package dev.selfheal.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.server.api.Json;
import dev.selfheal.server.config.SecretMasker;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/events}: the engine's events as server-sent events, for the console.
 *
 * <p>The bus delivers on the publisher's thread (a check's, the healing loop's), which must
 * never wait for a browser. So each event becomes one small JSON message, offered to a bounded
 * queue per client, and each client has its own virtual thread that writes. A client that
 * falls {@value #QUEUE} messages behind is closed rather than slowing anyone: the console
 * reconnects and fetches fresh state. An idle stream gets a comment every
 * {@link #KEEP_ALIVE}, which also finds clients that are gone.
 */
public final class EventStream implements AutoCloseable {

    static final int QUEUE = 1_000;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private record Outgoing(String topic, String json) { }

    private final class Client {
        private final SseClient sse;
        private final BlockingQueue<Outgoing> queue = new ArrayBlockingQueue<>(QUEUE);

        Client(SseClient sse) {
            this.sse = sse;
        }

        void offer(Outgoing message) {
            if (!queue.offer(message)) {
                log.warn("event=sse_client_dropped reason=\"{} messages behind\"", QUEUE);
                sse.close();
            }
        }

        void write() {
            try {
                while (!sse.terminated()) {
                    Outgoing next = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                    if (next == null) {
                        sse.sendComment("keep-alive");
                    } else {
                        sse.sendEvent(next.topic(), next.json());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.debug("event=sse_client_gone error=\"{}\"", e.toString());
            } finally {
                clients.remove(this);
                sse.close();
            }
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json = Json.mapper();
    private final SecretMasker masker;
    private final EventBus.Subscription subscription;
    private final AtomicLong sent = new AtomicLong();

    public EventStream(EventBus bus, SecretMasker masker) {
        this.masker = masker;
        this.subscription = bus.subscribe(SelfHealEvent.class, this::publish);
    }

    public void register(Javalin app) {
        app.sse("/api/events", this::connect);
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    private void connect(SseClient sse) {
        sse.keepAlive();
        Client client = new Client(sse);
        clients.add(client);
        sse.onClose(() -> clients.remove(client));
        client.offer(new Outgoing("hello", "{\"clients\":" + clients.size() + "}"));
        Thread.ofVirtual().name("selfheal-sse-", sent.incrementAndGet()).start(client::write);
    }

    private void publish(SelfHealEvent event) {
        if (clients.isEmpty()) {
            return;
        }
        ConsoleEvents.of(event, masker).ifPresent(message -> {
            String data = serialize(message.data());
            clients.forEach(c -> c.offer(new Outgoing(message.topic(), data)));
        });
    }

    private String serialize(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialize", e);
        }
    }

    @Override
    public void close() {
        subscription.close();
        clients.forEach(c -> c.sse.close());
        clients.clear();
    }
}
