package dev.selfheal.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.server.testing.Tokens;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/events} read as a plain HTTP client reads it: the server-sent events the console lives on. */
class EventStreamTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private FlippableHttpServer server;
    private Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aComponentTurningUnhealthyReachesAConnectedClientAsAHealthEventAndTheStreamNeedsAToken() throws Exception {
        // Given a daemon with a token, watching an HTTP server, and a client on /api/events
        String token = Tokens.fresh("vera");
        server = new FlippableHttpServer();
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security: { tokens: [ { name: vera, role: viewer, token-sha256: "%s" } ] }
                checks:
                  - { name: payments-api, type: http, url: "%s", interval: 200ms, failure-threshold: 2, success-threshold: 1 }
                """.formatted(dir, Tokens.sha256(token), server.uri())), "events.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        HttpRequest.Builder events = HttpRequest.newBuilder(daemon.baseUri().resolve("/api/events")).header("Accept", "text/event-stream");
        assertThat(http.send(events.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        HttpResponse<Stream<String>> stream = http.send(events.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
        await().atMost(PATIENCE).until(() -> lines.contains("event: hello"));
        await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(l -> l.startsWith("data: {\"component\":\"payments-api\"")));

        // When the server starts failing
        server.answer(500);

        // Then a health event says payments-api went UNHEALTHY, with the engine's reason
        String event = await().atMost(PATIENCE).until(() -> healthEvent("\"to\":\"UNHEALTHY\""), java.util.Objects::nonNull);
        assertThat(event).contains("\"component\":\"payments-api\"", "\"from\":\"HEALTHY\"", "consecutive failures");
        assertThat(daemon.routes()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/api/events"));
    }

    /** The data line of the first health event containing the text, or null. */
    private String healthEvent(String containing) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).equals("event: health") && lines.get(i + 1).contains(containing)) {
                return lines.get(i + 1);
            }
        }
        return null;
    }
}
