package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.health.history.InMemoryHealthHistoryStore;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.learning.AdaptiveLimitSettings;
import dev.selfheal.learning.AdaptiveLimits;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.InMemoryRecoveryJournal;
import dev.selfheal.recovery.RecoveryActionCatalog;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.config.ServerConfig;
import dev.selfheal.server.metrics.SelfHealMetrics;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcLearnedLimitStore;
import dev.selfheal.time.SystemScheduler;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/learning/limits}: the limits learned from normal behaviour, and the same limits
 * after a restart over the same SQLite file, marked as restored until fresh readings replace them.
 */
class LearnedLimitsApiTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final AdaptiveLimitSettings SETTINGS = new AdaptiveLimitSettings(0.99, 0.25, 100, Duration.ofHours(6),
            Duration.ZERO, Map.of()).withMetric(MetricKind.RESPONSE_TIME_P95, new AdaptiveLimitSettings.Bounds(50, 2000));

    @TempDir
    Path dir;
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final EventBus bus = new EventBus();
    private HealthCheckManager manager;
    private SelfHealMetrics metrics;
    private ApiServer server;
    private Database database;

    /** A daemon's API over the store file, with adaptive limits read from it. */
    private ApiClient start(AdaptiveLimits limits) {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("checks: []\n"), "test.yaml");
        manager = new HealthCheckManager(scheduler, executor, bus, HealthSettings.defaults());
        metrics = new SelfHealMetrics(manager, bus, () -> 0);
        IncidentManager incidents = new IncidentManager(new InMemoryIncidentStore(), bus, scheduler.clock(),
                IncidentManager.DEFAULT_MERGE_WINDOW);
        RecoveryEngine engine = RecoveryEngine.builder(new RecoveryActionCatalog(), incidents, new InMemoryRecoveryJournal(), scheduler, bus)
                .verifier(new HealthVerifier(manager, bus, scheduler, Duration.ofSeconds(1))).build();
        HealingContext healing = new HealingContext(incidents, engine, new InMemoryRecoveryJournal(),
                new DegradationManager(scheduler, bus, DegradationSettings.defaults()), () -> DegradationInputs.HEALTHY,
                SecretMasker.NONE, limits::limits);
        server = ApiServer.start(new ServerConfig("127.0.0.1", 0), new ApiContext(manager, new InMemoryHealthHistoryStore(),
                metrics, config, SecretMasker.NONE, () -> Readiness.READY), healing::register);
        return new ApiClient(URI.create("http://127.0.0.1:" + server.port()));
    }

    private void stopDaemon() {
        server.close();
        metrics.close();
        manager.close();
        database.close();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.close();
    }

    @Test
    void a_learned_limit_is_on_the_api_and_still_there_after_a_restart() {
        // Given a daemon whose api answered in 60-99 ms for 300 readings, its limits kept in SQLite
        database = Database.open("jdbc:sqlite:" + dir.resolve("selfheal.db"), null, null);
        AdaptiveLimits limits = new AdaptiveLimits(SETTINGS, c -> false, new JdbcLearnedLimitStore(database), Runnable::run);
        for (int i = 0; i < 300; i++) {
            limits.limitFor(new Measurement("api", MetricKind.RESPONSE_TIME_P95, 60 + i % 40, T0.plusSeconds(10L * i)), 100);
        }
        ApiClient api = start(limits);
        // Then the API shows the limit learned: p99 99 ms plus 25%
        JsonNode shown = api.get("/api/learning/limits").json().get("limits");
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).get("component").asText()).isEqualTo("api");
        assertThat(shown.get(0).get("metric").asText()).isEqualTo("response-time-p95");
        assertThat(shown.get(0).get("limit").asDouble()).isEqualTo(123.75);
        assertThat(shown.get(0).get("floor").asDouble()).isEqualTo(50.0);
        assertThat(shown.get(0).get("cap").asDouble()).isEqualTo(2000.0);
        assertThat(shown.get(0).get("restored").asBoolean()).isFalse();

        // When the daemon stops and starts again on the same file, before any new reading
        stopDaemon();
        database = Database.open("jdbc:sqlite:" + dir.resolve("selfheal.db"), null, null);
        AdaptiveLimits again = new AdaptiveLimits(SETTINGS, c -> false, new JdbcLearnedLimitStore(database), Runnable::run);
        ApiClient restarted = start(again);

        // Then the same limit is in force and shown, marked as kept from before the restart
        JsonNode after = restarted.get("/api/learning/limits").json().get("limits");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).get("limit").asDouble()).isEqualTo(123.75);
        assertThat(after.get(0).get("restored").asBoolean()).isTrue();
        assertThat(again.limitFor(new Measurement("api", MetricKind.RESPONSE_TIME_P95, 70, T0.plusSeconds(5000)), 100)).isEqualTo(123.75);
        stopDaemon();
    }
}
