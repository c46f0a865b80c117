package dev.selfheal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.health.history.InMemoryHealthHistoryStore;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.config.ServerConfig;
import dev.selfheal.server.metrics.SelfHealMetrics;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.SystemScheduler;
import java.io.StringReader;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server on a real port over an engine that is never started: readiness, masking, errors. */
class ApiServerTest {

    private final AtomicReference<Readiness> readiness = new AtomicReference<>(Readiness.STARTING);
    private final SystemScheduler scheduler = new SystemScheduler();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HealthCheckManager manager;
    private SelfHealMetrics metrics;
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        Config config = new ConfigLoader(Map.of("API_TOKEN", "tok-0123456789")).parse(new StringReader("""
                checks:
                  - { name: leaky, type: http, url: "http://127.0.0.1:1/", headers: { X-Api-Token: "${API_TOKEN}" } }
                """), "test.yaml");
        EventBus bus = new EventBus();
        manager = new HealthCheckManager(scheduler, executor, bus, HealthSettings.defaults());
        // A check whose message quotes the secret, as a careless driver error might.
        manager.register(CheckDefinition.builder("leaky",
                () -> HealthCheckResult.unhealthy("refused with token tok-0123456789")).build());
        metrics = new SelfHealMetrics(manager, bus, () -> 0);
        server = ApiServer.start(new ServerConfig("127.0.0.1", 0), new ApiContext(manager, new InMemoryHealthHistoryStore(),
                metrics, config, SecretMasker.of(config), readiness::get));
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
    void readyzIsServiceUnavailableWhileStartingAndStoppingAndOkWhenReady() {
        ApiClient.Response starting = api.get("/readyz");
        assertThat(starting.status()).isEqualTo(503);
        assertThat(starting.json().get("detail").asText()).isEqualTo("the daemon is starting");

        readiness.set(Readiness.READY);
        assertThat(api.get("/readyz").status()).isEqualTo(200);

        readiness.set(Readiness.STOPPING);
        assertThat(api.get("/readyz").json().get("error").asText()).isEqualTo("not_ready");
        assertThat(api.get("/healthz").status()).isEqualTo(200);
    }

    @Test
    void aSecretInACheckMessageIsMaskedInTheRunResultAndTheReport() {
        ApiClient.Response run = api.post("/api/checks/leaky/run");

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().get("result").get("message").asText()).isEqualTo("refused with token ***");
        assertThat(api.get("/api/health").body()).doesNotContain("tok-0123456789");
        assertThat(api.get("/api/config").body()).contains("\"X-Api-Token\":\"***\"").doesNotContain("tok-0123456789");
    }

    @Test
    void aWrongMethodIsAJsonError() {
        ApiClient.Response wrong = api.get("/api/checks/leaky/run");

        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.json().get("error").asText()).isEqualTo("method_not_allowed");
        assertThat(wrong.json().get("detail").asText()).isEqualTo("GET is not allowed on /api/checks/leaky/run");
    }
}
