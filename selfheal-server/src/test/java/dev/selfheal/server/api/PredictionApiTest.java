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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/predictions} against a real daemon forecasting a real directory that a writer
 * fills towards its quota: the forecast warns before the quota is reached, and a
 * {@code predicted_exhaustion} incident opens for the directory's component.
 */
class PredictionApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long QUOTA = 4_000_000;

    private final String viewerToken = Tokens.fresh("vera");
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
    private Daemon daemon;

    @AfterEach
    void stop() {
        writer.shutdownNow();
        if (daemon != null) {
            daemon.stop();
        }
    }

    @Test
    void aFillingDirectoryIsForecastToReachItsQuotaAndOpensAPredictedIncidentBeforeItDoes(@TempDir Path dir) throws Exception {
        // Given a daemon forecasting a spool directory against a 4 MB quota
        Path spool = Files.createDirectories(dir.resolve("spool"));
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                healing:
                  degradation: { host-resources: false }
                performance:
                  interval: 1s
                  jvm: false
                  prediction: { interval: 200ms, horizon: 120s, min-readings: 10, persistence: 2s }
                  resources:
                    - { component: spool-writer, kind: directory, path: "%s", limit-bytes: %d }
                """.formatted(dir, Tokens.sha256(viewerToken), spool, QUOTA)), "prediction.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        ApiClient viewer = new ApiClient(daemon.baseUri(), viewerToken);

        // When a writer adds 5 kB every 100 ms: full in about 80 s, so a loaded machine that reads
        // the directory late still sees the warning long before the quota is reached
        AtomicInteger files = new AtomicInteger();
        writer.scheduleAtFixedRate(() -> {
            try {
                Files.write(spool.resolve("part-" + files.incrementAndGet()), new byte[5_000]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);

        // Then the forecast warns while the directory is still under its quota
        await().atMost(PATIENCE).until(() -> viewer.get("/api/predictions").json().path("forecasts").path(0).path("warning").asBoolean());
        JsonNode body = viewer.get("/api/predictions").json();
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("horizon_seconds").asLong()).isEqualTo(120);
        JsonNode f = body.get("forecasts").get(0);
        assertThat(f.get("component").asText()).isEqualTo("spool-writer");
        assertThat(f.get("resource").asText()).isEqualTo("dir:" + spool);
        assertThat(f.get("limit").asDouble()).isEqualTo(QUOTA);
        assertThat(f.get("used").asDouble()).isLessThan(QUOTA);
        assertThat(f.get("seconds_to_exhaustion").asDouble()).isBetween(0.0, 120.0);
        assertThat(f.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(f.get("summary").asText()).startsWith("dir:" + spool + " of spool-writer will be exhausted in about");

        // And the problem opened an incident of its own kind
        await().atMost(PATIENCE).until(() -> viewer.get("/api/incidents?component=spool-writer").json().toString()
                .contains("predicted_exhaustion"));
        writer.shutdownNow();
    }

    @Test
    void withoutResourcesThePredictorIsOffAndSaysSo(@TempDir Path dir) {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                security:
                  tokens:
                    - { name: vera, role: viewer, token-sha256: "%s" }
                healing:
                  degradation: { host-resources: false }
                """.formatted(dir, Tokens.sha256(viewerToken))), "none.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        JsonNode body = new ApiClient(daemon.baseUri(), viewerToken).get("/api/predictions").json();
        assertThat(body.get("enabled").asBoolean()).isFalse();
        assertThat(body.get("forecasts").size()).isZero();
        assertThat(new ApiClient(daemon.baseUri()).get("/api/predictions").status()).isEqualTo(401);
    }
}
