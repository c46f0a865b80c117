package dev.selfheal.server.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigLoader;
import dev.selfheal.server.daemon.CheckFactory;
import dev.selfheal.server.daemon.Daemon;
import dev.selfheal.server.testing.ApiClient;
import dev.selfheal.server.testing.ChildProcesses;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The healing loop in the daemon as a user runs it: a real supervised child process
 * ({@code sleep}) really SIGKILLed, the real API on a random port, a real SQLite file.
 */
class HealingDaemonTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Daemon daemon;
    private ApiClient api;

    private void start(String sleepSeconds, String healingExtra) {
        Config config = new ConfigLoader(Map.of()).parse(new StringReader("""
                server: { port: 0, bind: 127.0.0.1 }
                store: { url: "jdbc:sqlite:%s/selfheal.db" }
                services:
                  - { name: worker, command: [sleep, "%s"], stop-grace: 1s, check: { interval: 500ms } }
                healing:
                  interval: 1s
                  verification: { window: 30s, poll: 200ms }
                  degradation: { hold-down: 0s, host-resources: false }
                %s
                """.formatted(dir, sleepSeconds, healingExtra.indent(2))), "test.yaml");
        daemon = Daemon.start(config, new CheckFactory());
        api = new ApiClient(daemon.baseUri());
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private ProcessHandle worker(String sleepSeconds) {
        List<ProcessHandle> found = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            found.clear();
            found.addAll(ChildProcesses.find(ProcessHandle.current(), "sleep", sleepSeconds));
            return found.size() == 1;
        });
        return found.getFirst();
    }

    private JsonNode onlyIncident() {
        JsonNode incidents = api.get("/api/incidents").json().get("incidents");
        assertThat(incidents).hasSize(1);
        return incidents.get(0);
    }

    private static List<String> kinds(JsonNode incident) {
        List<String> kinds = new ArrayList<>();
        incident.get("timeline").forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    @Test
    void aKilledServiceIsRestartedWithANewPidVerifiedAndItsIncidentResolvedWithTheWholeTimeline() {
        // Given a daemon supervising a worker that is up
        start("601", "");
        ProcessHandle first = worker("601");
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));
        assertThat(api.get("/api/incidents").json().get("incidents")).isEmpty();

        // When the worker is killed with SIGKILL
        assertThat(first.destroyForcibly()).isTrue();

        // Then an incident opens and is RESOLVED after restart_service and a passed verification
        await().atMost(PATIENCE).until(() -> {
            JsonNode incidents = api.get("/api/incidents").json().get("incidents");
            return incidents.size() == 1 && incidents.get(0).get("state").asText().equals("RESOLVED");
        });
        JsonNode summary = onlyIncident();
        assertThat(summary.get("component").asText()).isEqualTo("worker");
        assertThat(summary.get("problem_types").get(0).asText()).isEqualTo("process_down");

        // And a new worker runs, with a new pid
        ProcessHandle second = worker("601");
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(api.statusOf("worker")).isEqualTo("HEALTHY");

        // And the incident's timeline tells the whole story: signal, plan, step with outcome and duration, verification
        JsonNode incident = api.get("/api/incidents/" + summary.get("id").asText()).json();
        assertThat(kinds(incident)).containsSubsequence("SIGNAL", "STATE", "PLAN", "STEP_STARTED", "STEP_ENDED", "VERIFICATION", "STATE");
        JsonNode step = incident.get("steps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("restart_service");
        assertThat(step.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(step.get("duration_ms").asLong()).isNotNegative();
        assertThat(step.get("message").asText()).contains("pid " + first.pid() + " -> " + second.pid());
        JsonNode ended = entry(incident, "STEP_ENDED");
        assertThat(ended.get("data").get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(ended.get("data").has("duration_ms")).isTrue();
        assertThat(incident.get("closed_at").isNull()).isFalse();

        // And the filters find it, and the metrics count it
        assertThat(api.get("/api/incidents?state=resolved&component=worker").json().get("incidents")).hasSize(1);
        assertThat(api.get("/api/incidents?state=open").json().get("incidents")).isEmpty();
        assertThat(api.get("/api/incidents?state=sideways").status()).isEqualTo(400);
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("selfheal_incidents_open 0.0")
                .contains("selfheal_incidents_total{state=\"resolved\"} 1.0")
                .contains("selfheal_recovery_steps_total{action=\"restart_service\",outcome=\"succeeded\"} 1.0")
                .contains("selfheal_degradation_level 0.0");

        // And learning counted a verified success of restart_service against process_down
        JsonNode restart = action("restart_service");
        assertThat(restart.get("problem_types").toString()).contains("process_down");
        JsonNode learned = restart.get("effectiveness").get(0);
        assertThat(learned.get("problem_type").asText()).isEqualTo("process_down");
        assertThat(learned.get("attempts").asLong()).isEqualTo(1);
        assertThat(learned.get("successes").asLong()).isEqualTo(1);

        // And the run is one recovery record in the database, fixed by restart_service, and learned from
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/learning/records").json().get("records")).hasSize(1));
        JsonNode record = api.get("/api/learning/records").json().get("records").get(0);
        assertThat(record.get("component").asText()).isEqualTo("worker");
        assertThat(record.get("fixed_by").asText()).isEqualTo("restart_service");
        assertThat(record.get("verified").asBoolean()).isTrue();
        assertThat(record.get("steps").get(0).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/learning/records?before=x").status()).isEqualTo(400);
        JsonNode known = api.get("/api/learning/effectiveness").json().get("effectiveness").get(0);
        assertThat(known.get("action").asText()).isEqualTo("restart_service");
        assertThat(known.get("recent_verified").asInt()).isEqualTo(1);
        assertThat(api.get("/api/incidents/" + summary.get("id").asText() + "/recommendations").json().get("recommendations")).isEmpty();
        assertThat(api.get("/api/incidents/inc-nope/recommendations").status()).isEqualTo(404);
    }

    @Test
    void anActionThatNeedsApprovalWaitsUntilSomeoneApprovesIt() {
        // Given restart_service is configured HIGH risk, so it needs approval
        start("602", "actions: { restart_service: { risk: high } }");
        ProcessHandle first = worker("602");
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));

        // When the worker is killed
        first.destroyForcibly();

        // Then the incident waits for approval, escalated, and nothing is restarted meanwhile
        await().atMost(PATIENCE).until(() -> {
            JsonNode incidents = api.get("/api/incidents").json().get("incidents");
            return incidents.size() == 1 && incidents.get(0).get("awaiting_approval").asBoolean();
        });
        String id = onlyIncident().get("id").asText();
        assertThat(onlyIncident().get("state").asText()).isEqualTo("ESCALATED");
        assertThat(entry(api.get("/api/incidents/" + id).json(), "DECISION").get("message").asText())
                .contains("waiting for approval: restart_service is HIGH risk");
        assertThat(ChildProcesses.find(ProcessHandle.current(), "sleep", "602")).isEmpty();

        // And an approval without a name is refused, naming the field
        ApiClient.Response noName = api.post("/api/incidents/" + id + "/approve", "{}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("detail").asText()).contains("'by'");
        assertThat(api.post("/api/incidents/inc-nope/approve", "{\"by\": \"alice\"}").status()).isEqualTo(404);

        // When alice approves
        ApiClient.Response approved = api.post("/api/incidents/" + id + "/approve", "{\"by\": \"alice\"}");

        // Then the step runs, the worker is back and the incident is RESOLVED, with the approval in its timeline
        assertThat(approved.status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> onlyIncident().get("state").asText().equals("RESOLVED"));
        assertThat(worker("602").pid()).isNotEqualTo(first.pid());
        JsonNode incident = api.get("/api/incidents/" + id).json();
        assertThat(entry(incident, "APPROVAL").get("message").asText()).isEqualTo("restart_service approved by alice");
        assertThat(incident.get("awaiting_approval").asBoolean()).isFalse();

        // And approving again is a conflict
        assertThat(api.post("/api/incidents/" + id + "/approve", "{\"by\": \"alice\"}").status()).isEqualTo(409);
    }

    @Test
    void aLevelIsPinnedAndUnpinnedThroughTheApiAndBadInputIsRefusedNamingTheField() {
        // Given a healthy daemon at full service
        start("603", "");
        await().atMost(PATIENCE).until(() -> api.statusOf("worker").equals("HEALTHY"));
        JsonNode before = api.get("/api/degradation").json();
        assertThat(before.get("level").asInt()).isZero();
        assertThat(before.get("pinned").asBoolean()).isFalse();
        assertThat(before.get("features").get("notifications").asBoolean()).isTrue();
        assertThat(before.has("score_parts")).isTrue();

        // When level 2 is pinned
        ApiClient.Response pinned = api.put("/api/degradation", "{\"level\": 2, \"reason\": \"load test\"}");

        // Then the level is 2, pinned, with notifications and reporting off
        assertThat(pinned.status()).isEqualTo(200);
        JsonNode now = api.get("/api/degradation").json();
        assertThat(now.get("level").asInt()).isEqualTo(2);
        assertThat(now.get("label").asText()).isEqualTo("essential_only");
        assertThat(now.get("pinned").asBoolean()).isTrue();
        assertThat(now.get("pinned_level").asInt()).isEqualTo(2);
        assertThat(now.get("features").get("notifications").asBoolean()).isFalse();
        assertThat(now.get("features").get("reporting").asBoolean()).isFalse();
        assertThat(now.get("features").get("write_operations").asBoolean()).isTrue();
        assertThat(api.get("/metrics").body()).contains("selfheal_degradation_level 2.0");

        // And bad input is refused with the field named, changing nothing
        for (String bad : List.of("{\"level\": 7}", "{\"level\": \"high\"}", "{}", "not json")) {
            ApiClient.Response refused = api.put("/api/degradation", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json().get("error").asText()).isEqualTo("bad_request");
        }
        assertThat(api.put("/api/degradation", "{\"level\": 7}").json().get("detail").asText()).contains("'level'").contains("0-4");
        assertThat(api.get("/api/degradation").json().get("level").asInt()).isEqualTo(2);

        // When it is unpinned
        api.put("/api/degradation", "{\"level\": null}");

        // Then it is no longer pinned, and the level comes down to what the score says (0)
        assertThat(api.get("/api/degradation").json().get("pinned").asBoolean()).isFalse();
        await().atMost(PATIENCE).until(() -> api.get("/api/degradation").json().get("level").asInt() == 0);
    }

    @Test
    void theCatalogListsTheActionsTheDaemonCanTakeWithTheirSettingsAndMapping() {
        // Given a daemon with a custom command action mapped to a new problem type
        start("604", """
                mapping: { queue_stuck: [flush_queue] }
                actions: { flush_queue: { timeout: 7s, approval: true } }
                custom-actions:
                  - { name: flush_queue, type: command, command: ["true"] }
                """);

        // When the catalog is read
        JsonNode body = api.get("/api/recovery/actions").json();

        // Then it has the built-ins the daemon can do and the custom action, with settings and mapping
        List<String> names = new ArrayList<>();
        body.get("actions").forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).contains("restart_service", "enable_degradation", "garbage_collect", "flush_queue")
                .doesNotContain("failover_database");
        JsonNode flush = action("flush_queue");
        assertThat(flush.get("timeout_ms").asLong()).isEqualTo(7_000);
        assertThat(flush.get("needs_approval").asBoolean()).isTrue();
        assertThat(flush.get("problem_types").get(0).asText()).isEqualTo("queue_stuck");
        assertThat(body.get("mapping").get("process_down").get(0).asText()).isEqualTo("restart_service");
        assertThat(body.get("mapping").get("database_issues").toString()).contains("failover_database");
    }

    private JsonNode action(String name) {
        for (JsonNode a : api.get("/api/recovery/actions").json().get("actions")) {
            if (a.get("name").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no action " + name);
    }

    private static JsonNode entry(JsonNode incident, String kind) {
        for (JsonNode e : incident.get("timeline")) {
            if (e.get("kind").asText().equals(kind)) {
                return e;
            }
        }
        throw new AssertionError("no " + kind + " in " + incident.get("timeline"));
    }
}
