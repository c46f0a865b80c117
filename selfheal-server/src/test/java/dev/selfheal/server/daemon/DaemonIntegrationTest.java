package dev.selfheal.server.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.api.Readiness;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.FlippableHttpServer;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a user runs it: real config text, a real HTTP target on loopback that the test
 * flips between 200 and 500, the real API on a random port, a real SQLite file.
 */
class DaemonIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private FlippableHttpServer target;
    private Daemon daemon;
    private ApiClient api;

    @BeforeEach
    void startDaemonWatchingALocalHttpServer() {
        target = new FlippableHttpServer();
        Config config = new ConfigLoader(Map.of("TARGET_TOKEN", "tok-secret-12345")).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                checks:
                  - name: target
                    type: http
                    group: integrations
                    url: "%s"
                    headers: { Authorization: "Bearer ${TARGET_TOKEN}" }
                    interval: 100ms
                    timeout: 2s
                    failure-threshold: 3
                    success-threshold: 2
                  - { name: jvm, type: jvm, interval: 1s }
                integrations: { defaults: false }   # no guard checks: this test lists the checks exactly
                """.formatted(dir, target.uri())), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
    }

    @AfterEach
    void stop() {
        daemon.stop();
        target.close();
    }

    @Test
    void aComponentTurnsUnhealthyOnlyAfterThreeFailuresAndHealthyAgainAfterTwoPasses() {
        // Given the target answers 200 and the component is healthy
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));
        assertThat(api.get("/readyz").status()).isEqualTo(200);

        // When it starts answering 500
        target.answer(500);

        // Then the component turns UNHEALTHY, and the transition came with the third failure in a row
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("UNHEALTHY"));
        // History is written behind the live status, in batches: wait for the transition to land.
        await().atMost(PATIENCE).until(() -> hasTransition("HEALTHY", "UNHEALTHY"));
        JsonNode down = transition("HEALTHY", "UNHEALTHY");
        assertThat(down.get("from").asText()).isEqualTo("HEALTHY");
        List<Instant> failures = resultTimesSince("UNHEALTHY", Instant.EPOCH);
        assertThat(failures).hasSizeGreaterThanOrEqualTo(3);
        assertThat(millis(down.get("at"))).isEqualTo(failures.get(2).truncatedTo(ChronoUnit.MILLIS));

        // When it answers 200 again
        target.answer(200);

        // Then it turns HEALTHY again, with the second pass in a row
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));
        await().atMost(PATIENCE).until(() -> hasTransition("UNHEALTHY", "HEALTHY"));
        JsonNode up = transition("UNHEALTHY", "HEALTHY");
        List<Instant> passes = resultTimesSince("HEALTHY", millis(down.get("at")));
        assertThat(passes).hasSizeGreaterThanOrEqualTo(2);
        assertThat(millis(up.get("at"))).isEqualTo(passes.get(1).truncatedTo(ChronoUnit.MILLIS));

        // And the health report shows the component with its last check
        JsonNode component = api.component("target");
        assertThat(component.get("group").asText()).isEqualTo("integrations");
        assertThat(component.get("since").asText()).isEqualTo(up.get("at").asText());
        assertThat(component.get("last_check").get("latency_ms").asDouble()).isPositive();
        assertThat(component.get("last_check").get("status").asText()).isEqualTo("HEALTHY");
    }

    @Test
    void theHealthReportHasTheOverallStatusEveryGroupAndEveryComponent() {
        await().atMost(PATIENCE).until(() -> !api.statusOf("target").equals("UNKNOWN") && !api.statusOf("jvm").equals("UNKNOWN"));

        JsonNode health = api.get("/api/health").json();

        assertThat(health.get("status").asText()).isIn("HEALTHY", "DEGRADED");
        assertThat(Instant.parse(health.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        List<String> groups = new ArrayList<>();
        health.get("groups").forEach(g -> groups.add(g.get("name").asText() + ":" + g.get("policy").asText()));
        assertThat(groups).containsExactly("system:worst", "database:worst", "integrations:majority", "performance:worst");
        JsonNode integrations = health.get("groups").get(2);
        assertThat(integrations.get("message").asText()).isEqualTo("1/1 healthy");
        assertThat(integrations.get("components").get(0).get("message").asText()).isNotEmpty();
    }

    @Test
    void theHistoryEndpointListsTransitionsAndResultsNewestFirstAndRefusesABadLimit() {
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));
        await().atMost(PATIENCE).until(() -> api.get("/api/components/target/history?limit=3").json().get("results").size() == 3);

        JsonNode history = api.get("/api/components/target/history?limit=3").json();

        assertThat(history.get("component").asText()).isEqualTo("target");
        assertThat(history.get("transitions").get(0).get("to").asText()).isEqualTo("HEALTHY");
        assertThat(history.get("transitions").get(0).get("from").asText()).isEqualTo("UNKNOWN");
        JsonNode results = history.get("results");
        assertThat(Instant.parse(results.get(0).get("timestamp").asText()))
                .isAfterOrEqualTo(Instant.parse(results.get(1).get("timestamp").asText()));

        ApiClient.Response bad = api.get("/api/components/target/history?limit=abc");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("bad_request");
        assertThat(bad.json().get("detail").asText()).isEqualTo("query parameter 'limit' must be a whole number within 1-1000, got 'abc'");
        assertThat(api.get("/api/components/target/history?limit=0").status()).isEqualTo(400);

        ApiClient.Response unknown = api.get("/api/components/nope/history");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asText()).isEqualTo("no check named 'nope'; known checks: jvm, target");
    }

    @Test
    void runningACheckNowReturnsItsResultAndAnUnknownCheckIsNotFound() {
        target.answer(500);

        ApiClient.Response run = api.post("/api/checks/target/run");

        assertThat(run.status()).isEqualTo(200);
        JsonNode body = run.json();
        assertThat(body.get("check").asText()).isEqualTo("target");
        assertThat(body.get("group").asText()).isEqualTo("integrations");
        assertThat(body.get("result").get("status").asText()).isEqualTo("UNHEALTHY");
        assertThat(body.get("result").get("message").asText()).contains("500");
        assertThat(body.get("result").get("timestamp").asText()).endsWith("Z");

        ApiClient.Response unknown = api.post("/api/checks/nope/run");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
        assertThat(unknown.json().get("detail").asText()).contains("'nope'", "jvm, target");

        ApiClient.Response noRoute = api.get("/api/nothing-here");
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void metricsHaveTheSelfhealSeriesAndNothingElse() {
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));
        await().atMost(PATIENCE).until(() -> api.get("/metrics").body().contains("selfheal_check_status{check=\"target\",group=\"integrations\"} 0"));

        ApiClient.Response metrics = api.get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        assertThat(text).contains(
                "selfheal_check_latency_seconds{check=\"target\",group=\"integrations\"}",
                "selfheal_check_results_total{check=\"target\",group=\"integrations\",status=\"healthy\"}",
                "selfheal_check_results_total{check=\"target\",group=\"integrations\",status=\"unhealthy\"} 0",
                "selfheal_check_runs_total ",
                "selfheal_check_timeouts_total 0",
                "selfheal_check_overruns_total ",
                "selfheal_history_dropped_total 0",
                "selfheal_group_status{group=\"integrations\"} 0",
                "selfheal_group_status{group=\"performance\"} -1",
                "selfheal_overall_status ",
                "selfheal_jvm_memory_used_bytes{");
        assertThat(text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allSatisfy(line -> assertThat(line).startsWith("selfheal_"));
    }

    @Test
    void secretsAppearNeitherInTheConfigEndpointNorInResults() {
        await().atMost(PATIENCE).until(() -> api.statusOf("target").equals("HEALTHY"));

        String config = api.get("/api/config").body();
        String health = api.get("/api/health").body();

        assertThat(config).contains("\"Authorization\":\"***\"").doesNotContain("tok-secret-12345");
        assertThat(health).doesNotContain("tok-secret-12345");
    }

    @Test
    void stopEndsReadinessAndTheApi() {
        assertThat(daemon.readiness()).isEqualTo(Readiness.READY);

        daemon.stop();

        assertThat(daemon.readiness()).isEqualTo(Readiness.STOPPING);
        assertThat(healthzAnswers()).isFalse();
        daemon.stop(); // a second stop (the hook after a test's stop) does nothing
    }

    private boolean healthzAnswers() {
        try {
            return api.get("/healthz").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean hasTransition(String from, String to) {
        return findTransition(from, to) != null;
    }

    private JsonNode transition(String from, String to) {
        JsonNode t = findTransition(from, to);
        if (t == null) {
            throw new AssertionError("no transition from " + from + " to " + to);
        }
        return t;
    }

    private JsonNode findTransition(String from, String to) {
        for (JsonNode t : api.get("/api/components/target/history?limit=1000").json().get("transitions")) {
            if (t.get("from").asText().equals(from) && t.get("to").asText().equals(to)) {
                return t;
            }
        }
        return null;
    }

    /** Timestamps of the results with {@code status} after {@code after}, oldest first, in the run that ends the history. */
    private List<Instant> resultTimesSince(String status, Instant after) {
        List<Instant> times = new ArrayList<>();
        for (JsonNode r : api.get("/api/components/target/history?limit=1000").json().get("results")) {
            Instant at = Instant.parse(r.get("timestamp").asText());
            if (!at.isAfter(after)) {
                break;
            }
            if (r.get("status").asText().equals(status)) {
                times.addFirst(at);
            }
        }
        return times;
    }

    private static Instant millis(JsonNode timestamp) {
        return Instant.parse(timestamp.asText()).truncatedTo(ChronoUnit.MILLIS);
    }
}
