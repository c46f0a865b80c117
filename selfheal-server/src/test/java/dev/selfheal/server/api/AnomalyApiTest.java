package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.Tokens;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/components/{name}/anomalies} against a real daemon whose performance monitor
 * measures its own JVM every 200 ms: the recent scores per series, oldest first, for a viewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnomalyApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String viewerToken = Tokens.fresh("vera");

    @TempDir
    static Path dir;

    private Daemon daemon;
    private ApiClient viewer;

    @BeforeAll
    void start() {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                checks:
                  - { name: clock, type: command, command: [true], interval: 1s }
                healing:
                  degradation: { host-resources: false }
                performance:
                  interval: 200ms
                  jvm: daemon
                  anomaly: { min-score: 0.9, resolution: 1s }
                """.formatted(dir, Tokens.sha256(viewerToken))), "anomalies.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        viewer = new ApiClient(daemon.baseUri(), viewerToken);
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void aViewerReadsEachSeriesRecentValuesAndScoresOldestFirst() {
        // Given the monitor has measured the daemon's own JVM a few times
        // (one read per try: with two, the first could see no series at all, which every series trivially
        // matches, and the second the memory series' first point)
        await().atMost(PATIENCE).until(() -> {
            JsonNode series = viewer.get("/api/components/daemon/anomalies").json().path("series");
            boolean memoryMeasured = false;
            for (JsonNode s : series) {
                memoryMeasured |= s.path("series").asText().equals("daemon/memory") && s.path("points").size() >= 3;
            }
            return memoryMeasured && series.findValues("points").stream().allMatch(p -> p.size() >= 3);
        });

        // When a viewer asks for the component's anomaly scores
        ApiClient.Response response = viewer.get("/api/components/daemon/anomalies");

        // Then each measured kind is a series of (at, value, score, confidence), oldest first
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("component").asText()).isEqualTo("daemon");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("detector").asText()).isEqualTo("ensemble");
        assertThat(body.get("alarm_score").asDouble()).isEqualTo(0.9);
        List<String> kinds = new ArrayList<>();
        body.get("series").forEach(s -> kinds.add(s.get("kind").asText()));
        assertThat(kinds).contains("memory");
        JsonNode memory = body.get("series").get(kinds.indexOf("memory"));
        assertThat(memory.get("series").asText()).isEqualTo("daemon/memory");
        JsonNode points = memory.get("points");
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            assertThat(p.get("value").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(p.get("confidence").asDouble()).isBetween(0.0, 1.0);
            Instant at = Instant.parse(p.get("at").asText());
            assertThat(at.getNano()).as("a point is the mean of a whole second (resolution 1s), dated by its start").isZero();
            if (i > 0) {
                assertThat(at).isAfterOrEqualTo(Instant.parse(points.get(i - 1).get("at").asText()).plusSeconds(1));
            }
        }

        // And a limit keeps the newest points
        JsonNode two = null; // daemon/memory's, which had 3 points already (other series, with fewer, may have appeared since)
        for (JsonNode s : viewer.get("/api/components/daemon/anomalies?limit=2").json().get("series")) {
            if (s.get("series").asText().equals("daemon/memory")) {
                two = s.get("points");
            }
        }
        assertThat(two).isNotNull();
        assertThat(two.size()).isEqualTo(2);
    }

    @Test
    void aComponentTheMonitorDoesNotMeasureHasNoSeriesAndABadLimitIsRefused() {
        JsonNode clock = viewer.get("/api/components/clock/anomalies").json();
        assertThat(clock.get("enabled").asBoolean()).isTrue();
        assertThat(clock.get("series").size()).isZero();

        ApiClient.Response bad = viewer.get("/api/components/daemon/anomalies?limit=abc");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("'limit' must be a whole number within 1-1000");
    }

    @Test
    void withoutATokenTheScoresAreNotShown() {
        assertThat(new ApiClient(daemon.baseUri()).get("/api/components/daemon/anomalies").status()).isEqualTo(401);
    }
}
