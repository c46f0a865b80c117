package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervised service watched by an HTTP check of its own name ({@code check: false} on the
 * service): a real child JVM serving HTTP, really SIGKILLed. The check (not a process check)
 * turns the component UNHEALTHY, {@code restart_service} restarts the service, and the same
 * HTTP check verifies it. Without this a hung or erroring service could not be restarted by the
 * daemon, since {@code restart_service} is registered under the service's name only.
 */
class ServiceWatchedByHttpCheckTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** A one-file HTTP server the JDK runs from source: 200 "ok" on every path. */
    private static final String SERVER = """
            import com.sun.net.httpserver.HttpServer;
            import java.net.InetSocketAddress;
            public class Serve {
                public static void main(String[] args) throws Exception {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 50);
                    server.createContext("/", exchange -> {
                        byte[] body = "ok".getBytes();
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
                    server.start();
                }
            }
            """;

    @TempDir
    Path dir;

    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void aKilledServiceWatchedByAnHttpCheckIsDetectedRestartedAndVerifiedByThatCheck() throws IOException {
        // Given a daemon supervising a small HTTP server, watched by an HTTP check of the service's name
        Path source = Files.writeString(dir.resolve("Serve.java"), SERVER);
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - { name: web, type: http, group: process, url: "http://127.0.0.1:%d/", interval: 200ms, timeout: 1s,
                      failure-threshold: 2, success-threshold: 1 }
                services:
                  - { name: web, command: ["%s", "%s", "%d"], stop-grace: 1s, check: false }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 0s, host-resources: false }
                """.formatted(dir, port, java, source, port)), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        ApiClient api = new ApiClient(daemon.baseUri());
        await().atMost(PATIENCE).until(() -> api.statusOf("web").equals("HEALTHY"));
        await().atMost(PATIENCE).until(() -> server(source).isPresent());
        ProcessHandle first = server(source).orElseThrow();

        // (the check may have failed while the JVM was still starting: such an incident is over once HEALTHY)
        await().atMost(PATIENCE).until(() -> unresolved(api) == 0);
        Set<String> before = ids(api);

        // When the server is SIGKILLed
        assertThat(first.destroyForcibly()).isTrue();

        // Then an incident on 'web' opens, restart_service restarts it and the HTTP check verifies it
        await().atMost(PATIENCE).until(() -> newIncident(api, before).map(i -> i.get("state").asText().equals("RESOLVED")).orElse(false));
        JsonNode summary = newIncident(api, before).orElseThrow();
        assertThat(summary.get("component").asText()).isEqualTo("web");
        assertThat(summary.get("problem_types").get(0).asText()).isEqualTo("process_down");
        JsonNode incident = api.get("/api/incidents/" + summary.get("id").asText()).json();
        JsonNode step = incident.get("steps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("restart_service");
        assertThat(step.get("outcome").asText()).isEqualTo("SUCCEEDED");
        await().atMost(PATIENCE).until(() -> server(source).filter(p -> p.pid() != first.pid()).isPresent());
        ProcessHandle second = server(source).orElseThrow();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(api.statusOf("web")).isEqualTo("HEALTHY");
    }

    private static Set<String> ids(ApiClient api) {
        Set<String> ids = new HashSet<>();
        api.get("/api/incidents").json().get("incidents").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    private static long unresolved(ApiClient api) {
        long n = 0;
        for (JsonNode i : api.get("/api/incidents").json().get("incidents")) {
            n += i.get("state").asText().equals("RESOLVED") ? 0 : 1;
        }
        return n;
    }

    private static Optional<JsonNode> newIncident(ApiClient api, Set<String> before) {
        for (JsonNode i : api.get("/api/incidents").json().get("incidents")) {
            if (!before.contains(i.get("id").asText())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    private static Optional<ProcessHandle> server(Path source) {
        List<ProcessHandle> found = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[0].equals(source.toString())).orElse(false))
                .toList();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
