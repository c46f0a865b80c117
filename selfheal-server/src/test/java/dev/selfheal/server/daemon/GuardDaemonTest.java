package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.CallRejectedException;
import dev.selfheal.resilience.SendOutcome;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardException;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.UnknownIntegrationException;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.FlippableHttpServer;
import dev.selfheal.status.BreakerState;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards inside the daemon as an embedding application uses them: calls through
 * {@code daemon.guards()} to a real HTTP server on loopback that answers 500, the real API on a
 * random port, a real SQLite file.
 */
class GuardDaemonTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final FlippableHttpServer github = new FlippableHttpServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Daemon daemon;
    private ApiClient api;

    private void start(String healingExtra, String integrations) {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 0s, host-resources: false }
                %s
                integrations:
                %s
                """.formatted(dir, healingExtra.indent(2), integrations.indent(2))), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
        github.close();
    }

    /** What a client of the integration does: GET, and an HttpStatusException for an error status. */
    private String zen() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(github.uri().resolve("/zen")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new HttpStatusException(response.statusCode(), response.headers().map());
        }
        return response.body();
    }

    private JsonNode breaker(String name) {
        for (JsonNode b : api.get("/api/breakers").json().get("breakers")) {
            if (b.get("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no breaker " + name + " in /api/breakers");
    }

    private JsonNode onlyIncident() {
        JsonNode incidents = api.get("/api/incidents").json().get("incidents");
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    private static List<String> timeline(JsonNode incident) {
        List<String> lines = new ArrayList<>();
        incident.get("timeline").forEach(e -> lines.add((e.get("kind").asText() + " " + e.get("data").path("action").asText("")).strip()));
        return lines;
    }

    @Test
    void aBreakerThatOpensOnFailingCallsOpensAnIncidentAndRestartIntegrationPutsItBack() throws Exception {
        // Given a daemon guarding github (3 failures open the breaker), restart_integration waiting for approval
        start("actions: { restart_integration: { approval: true, delay-after: 100ms } }", """
                github:
                  breaker: { failure-threshold: 3, recovery-timeout: 10m }
                  retry: { max-attempts: 1 }
                  time-limit: 2s
                """);
        AtomicInteger rebuilt = new AtomicInteger();
        daemon.guardWiring().onRestart("github", () -> "rebuilt the github client #" + rebuilt.incrementAndGet());
        Guard guard = daemon.guards().guard("github");
        assertThat(guard.call("zen", this::zen)).isEqualTo("all good");
        assertThat(breaker("github").get("state").asText()).isEqualTo("CLOSED");

        // When github answers 500 and the application keeps calling through the guard
        github.answer(500);
        int failed = 0;
        boolean rejected = false;
        for (int i = 0; i < 10 && !rejected; i++) {
            try {
                guard.call("zen", this::zen);
            } catch (CallRejectedException e) {
                rejected = true;
            } catch (GuardException e) {
                failed++;
            }
        }

        // Then the breaker opened after 3 failures and refuses the next call
        assertThat(failed).isEqualTo(3);
        assertThat(rejected).isTrue();
        JsonNode open = breaker("github");
        assertThat(open.get("state").asText()).isEqualTo("OPEN");
        assertThat(open.get("breaker").get("failed_calls").asInt()).isEqualTo(3);
        assertThat(open.get("breaker").get("buffered_calls").asInt()).isEqualTo(3);
        assertThat(open.get("breaker").get("failure_rate").asDouble()).isEqualTo(100.0);
        assertThat(open.get("breaker").get("not_permitted_calls").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(open.get("breaker").get("failure_threshold").asInt()).isEqualTo(3);
        assertThat(open.get("health_check").asText()).isEqualTo("github-guard");
        assertThat(open.get("retry_budget").has("left")).isTrue();
        assertThat(open.get("outbox").get("parked").asLong()).isZero();
        assertThat(open.get("rate_limit").get("remaining").isNull()).isTrue();

        // And /metrics shows the breaker's state
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("selfheal_breaker_state{integration=\"github\",state=\"open\"} 1.0")
                .contains("selfheal_breaker_state{integration=\"github\",state=\"closed\"} 0.0")
                .contains("selfheal_breaker_transitions_total{from=\"closed\",integration=\"github\",to=\"open\"} 1.0")
                .contains("selfheal_guard_calls_total{integration=\"github\",outcome=\"failure\"} 3.0");

        // And an integration_failure incident opened for github-guard, from the breaker, waiting for approval of restart_integration
        await().atMost(PATIENCE).until(() -> {
            JsonNode incidents = api.get("/api/incidents").json().get("incidents");
            return incidents.size() == 1 && incidents.get(0).get("awaiting_approval").asBoolean();
        });
        JsonNode summary = onlyIncident();
        assertThat(summary.get("component").asText()).isEqualTo("github-guard");
        assertThat(summary.get("problem_types").toString()).contains("integration_failure");
        String id = summary.get("id").asText();
        JsonNode incident = api.get("/api/incidents/" + id).json();
        assertThat(incident.get("problems").get(0).get("source").asText()).isEqualTo("breaker");
        assertThat(incident.get("problems").get(0).get("evidence").asText())
                .isEqualTo("circuit breaker of github opened (CLOSED -> OPEN): 3 of the last 3 calls failed");

        // And /api/health shows the guard's check UNHEALTHY in group integrations
        await().atMost(PATIENCE).until(() -> api.statusOf("github-guard").equals("UNHEALTHY"));
        assertThat(api.component("github-guard").get("group").asText()).isEqualTo("integrations");

        // When github is back and the step is approved
        github.answer(200);
        assertThat(api.post("/api/incidents/" + id + "/approve", "{\"by\": \"alice\"}").status()).isEqualTo(200);

        // Then restart_integration resets the breaker and rebuilds the client
        await().atMost(PATIENCE).until(() -> breaker("github").get("state").asText().equals("CLOSED"));
        await().atMost(PATIENCE).until(() -> rebuilt.get() == 1);

        // But the reset alone verifies nothing: until a call succeeds the incident stays open
        assertThat(guard.untestedSinceReset()).isTrue();
        assertThat(onlyIncident().get("state").asText()).isNotEqualTo("RESOLVED");

        // When the application's next call succeeds, verification passes and the incident is RESOLVED
        assertThat(guard.call("zen", this::zen)).isEqualTo("all good");
        await().atMost(PATIENCE).until(() -> onlyIncident().get("state").asText().equals("RESOLVED"));
        incident = api.get("/api/incidents/" + id).json();
        JsonNode step = incident.get("steps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("restart_integration");
        assertThat(step.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(step.get("message").asText())
                .isEqualTo("reset the breaker of github (OPEN -> CLOSED); rebuilt the github client #1");
        assertThat(timeline(incident)).containsSubsequence("SIGNAL", "PLAN", "APPROVAL restart_integration",
                "STEP_STARTED restart_integration", "STEP_ENDED restart_integration", "VERIFICATION restart_integration", "STATE");
        assertThat(rebuilt.get()).isEqualTo(1);
        assertThat(breaker("github").get("state").asText()).isEqualTo("CLOSED");
        assertThat(guard.call("zen", this::zen)).isEqualTo("all good");
        assertThat(api.get("/metrics").body())
                .contains("selfheal_recovery_steps_total{action=\"restart_integration\",outcome=\"succeeded\"} 1.0");
    }

    @Test
    void aBreakerOfAnotherRegistryWithTheSameNameOpensNoIncidentOfTheDaemons() throws Exception {
        // Given a daemon guarding github, and an application's own registry on the daemon's bus with a github guard too
        start("", """
                github:
                  breaker: { failure-threshold: 3, recovery-timeout: 10m }
                """);
        try (GuardRegistry own = GuardRegistry.builder()
                .eventBus(daemon.events())
                .guard(GuardConfig.builder("github")
                        .breaker(BreakerSettings.consecutiveFailures(3, Duration.ofMinutes(10)))
                        .retry(RetrySettings.none()).build())
                .build()) {
            List<BreakerStateChanged> seen = new CopyOnWriteArrayList<>();
            daemon.events().subscribe(BreakerStateChanged.class, seen::add);

            // When the application's github breaker opens
            github.answer(500);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> own.guard("github").call("zen", this::zen)).isInstanceOf(GuardException.class);
            }

            // Then its event names its own registry, and the daemon neither opens an incident nor resets its own github guard
            await().atMost(PATIENCE).until(() -> !seen.isEmpty());
            assertThat(seen.getFirst().registry()).isEqualTo(own.id()).isNotEqualTo(daemon.guards().id());
            assertThat(own.guard("github").state()).isEqualTo(BreakerState.OPEN);
            assertThat(api.get("/api/incidents").json().get("incidents")).isEmpty();
            assertThat(breaker("github").get("state").asText()).isEqualTo("CLOSED");
        }
    }

    @Test
    void aSupervisedServicesOwnGuardsAreShownWithTheirOutboxAndAnOperatorCanResetThem() throws Exception {
        // Given a daemon with no guards of its own, and a service's registry (as the demo's orchestrator has) shown on it
        start("", "defaults: false");
        try (GuardRegistry service = GuardRegistry.builder()
                .eventBus(daemon.events())
                .guard(GuardConfig.builder("github")
                        .breaker(BreakerSettings.consecutiveFailures(2, Duration.ofMinutes(10)))
                        .retry(RetrySettings.none()).build())
                .build()) {
            daemon.guardWiring().showGuards(service);

            // When its github breaker opens on failing calls
            github.answer(500);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> service.guard("github").call("zen", this::zen)).isInstanceOf(GuardException.class);
            }

            // Then /api/breakers shows it, of kind service, open, after the daemon's notification guards
            assertThat(api.get("/api/breakers").json().get("breakers").findValuesAsText("name")).containsExactly("notify-log", "github");
            assertThat(breaker("github").get("kind").asText()).isEqualTo("service");
            assertThat(breaker("github").get("state").asText()).isEqualTo("OPEN");

            // And an operator's reset through the API acts on the service's guard
            assertThat(api.post("/api/breakers/github/reset").status()).isEqualTo(200);
            assertThat(service.guard("github").state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void breakersAreForcedOpenAndResetThroughTheApiAndTheOutboxLivesInTheDaemonsDatabase() throws Exception {
        // Given the default integrations, slack parking its sends in the outbox
        start("", """
                slack:
                  retry: { max-attempts: 1 }
                  fallback: outbox
                """);
        assertThat(api.get("/api/breakers").json().get("breakers").findValuesAsText("name"))
                .containsExactly("codegen", "github", "linear", "slack", "notify-log");
        assertThatThrownBy(() -> daemon.guards().guard("jira")).isInstanceOf(UnknownIntegrationException.class)
                .hasMessageContaining("jira").hasMessageContaining("codegen, github, linear, slack");

        // When linear is forced open through the API
        ApiClient.Response forced = api.post("/api/breakers/linear/force-open");

        // Then it refuses calls, and restart_integration (planned for the failing check) leaves it so
        assertThat(forced.status()).isEqualTo(200);
        assertThat(forced.json().get("state").asText()).isEqualTo("FORCED_OPEN");
        assertThatThrownBy(() -> daemon.guards().guard("linear").call("me", () -> "never made"))
                .isInstanceOf(CallRejectedException.class);
        await().atMost(PATIENCE).until(() -> api.statusOf("linear-guard").equals("UNHEALTHY"));
        await().atMost(PATIENCE).until(() -> {
            JsonNode steps = api.get("/api/incidents/" + onlyIncident().get("id").asText()).json().get("steps");
            return steps.size() >= 1 && steps.get(0).get("outcome").asText().equals("FAILED");
        });
        JsonNode step = api.get("/api/incidents/" + onlyIncident().get("id").asText()).json().get("steps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("restart_integration");
        assertThat(step.get("message").asText()).contains("the breaker of linear is forced open");
        assertThat(breaker("linear").get("state").asText()).isEqualTo("FORCED_OPEN");

        // When it is reset through the API
        ApiClient.Response reset = api.post("/api/breakers/linear/reset");

        // Then it is closed, its check passes and the incident resolves
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("state").asText()).isEqualTo("CLOSED");
        assertThat(daemon.guards().guard("linear").call("me", () -> "made")).isEqualTo("made");
        await().atMost(PATIENCE).until(() -> api.statusOf("linear-guard").equals("HEALTHY"));
        await().atMost(PATIENCE).until(() -> onlyIncident().get("state").asText().equals("RESOLVED"));

        // And an unknown name is a 404 naming the known ones
        ApiClient.Response unknown = api.post("/api/breakers/jira/reset");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        assertThat(unknown.json().get("detail").asText())
                .isEqualTo("no breaker named 'jira'; known breakers: codegen, github, linear, notify-log, slack");
        assertThat(api.post("/api/breakers/jira/force-open").status()).isEqualTo(404);

        // When a send to slack fails (the far side answers 500)
        github.answer(500);
        Guard slack = daemon.guards().guard("slack");
        slack.outbox().registerHandler("post_message", m -> zen());
        SendOutcome delivery = slack.outbox().send("post_message", "incident-42-opened", "{\"text\":\"hello\"}");

        // Then it is parked in the outbox table of the daemon's SQLite file, and /api/breakers counts it
        assertThat(delivery).isInstanceOf(SendOutcome.Parked.class);
        JsonNode slackView = breaker("slack");
        assertThat(slackView.get("outbox").get("parked").asLong()).isEqualTo(1);
        assertThat(slackView.get("outbox").get("capacity").asLong()).isEqualTo(10_000);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("selfheal.db"));
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT integration, operation, idempotency_key FROM outbox WHERE dead_at_ms IS NULL")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("integration")).isEqualTo("slack");
            assertThat(rows.getString("operation")).isEqualTo("post_message");
            assertThat(rows.getString("idempotency_key")).isEqualTo("incident-42-opened");
            assertThat(rows.next()).isFalse();
        }
        assertThat(api.get("/metrics").body()).contains("selfheal_outbox_size{integration=\"slack\"} 1.0");
    }
}
