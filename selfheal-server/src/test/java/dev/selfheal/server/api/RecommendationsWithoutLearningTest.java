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
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
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
import dev.selfheal.time.SystemScheduler;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An engine without a learning system: the incident page's recommendations are an empty, well-formed answer, not a 404. */
class RecommendationsWithoutLearningTest {

    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final EventBus bus = new EventBus();
    private HealthCheckManager manager;
    private SelfHealMetrics metrics;
    private IncidentManager incidents;
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("checks: []\n"), "test.yaml");
        manager = new HealthCheckManager(scheduler, executor, bus, HealthSettings.defaults());
        metrics = new SelfHealMetrics(manager, bus, () -> 0);
        incidents = new IncidentManager(new InMemoryIncidentStore(), bus, scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        RecoveryEngine engine = RecoveryEngine.builder(new RecoveryActionCatalog(), incidents, new InMemoryRecoveryJournal(), scheduler, bus)
                .verifier(new HealthVerifier(manager, bus, scheduler, java.time.Duration.ofSeconds(1)))
                .build(); // no learning system
        HealingContext healing = new HealingContext(incidents, engine, new InMemoryRecoveryJournal(),
                new DegradationManager(scheduler, bus, DegradationSettings.defaults()), () -> DegradationInputs.HEALTHY, SecretMasker.NONE);
        server = ApiServer.start(new ServerConfig("127.0.0.1", 0), new ApiContext(manager, new InMemoryHealthHistoryStore(),
                metrics, config, SecretMasker.NONE, () -> Readiness.READY), healing::register);
        api = new ApiClient(URI.create("http://127.0.0.1:" + server.port()));
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
        manager.close();
        executor.shutdownNow();
        scheduler.close();
    }

    @Test
    void recommendationsSayLearningIsOffWhileTheOtherLearningEndpointsStay404() {
        Incident incident = incidents.accept(new Problem(new ProblemType("process_down"), "worker", Severity.HIGH, "worker down",
                "test", scheduler.clock().instant())).incident();

        ApiClient.Response answer = api.get("/api/incidents/" + incident.id() + "/recommendations");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("incident_id").asText()).isEqualTo(incident.id());
        assertThat(body.get("enabled").asBoolean(true)).isFalse();
        assertThat(body.get("reason").asText()).contains("no learning system");
        assertThat(body.get("recommendations").isArray()).isTrue();
        assertThat(body.get("recommendations")).isEmpty();
        assertThat(api.get("/api/incidents/inc-nope/recommendations").status()).as("an unknown incident is still a 404").isEqualTo(404);
        assertThat(api.get("/api/learning/records").status()).isEqualTo(404);
    }
}
