package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.sim.Api;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo for real: the daemon, four simulator child processes and the orchestrator, whose
 * pipeline (component {@code contexten}) depends on every simulator. The GitHub simulator's JVM
 * really crashes: the GitHub probe and the blocked pipeline both fail, and selfheal opens ONE
 * incident, on github, with the pipeline's failure merged into it (not one per component),
 * restarts the simulator, and {@code GET /api/patterns} shows the cascade with github ranked first.
 */
class CascadeDemoTest {

    @TempDir
    Path data;

    @Test
    void aCrashOfTheSimulatorThePipelineDependsOnIsOneIncidentRootedAtIt() throws Exception {
        StringWriter printed = new StringWriter();
        // restarts wait for approval: the simulator stays down until the test approves, long enough for the
        // pipeline's check to count it as failing too
        DemoOptions options = new DemoOptions(0, 0, data, Optional.of(Duration.ofSeconds(120)), 10, false, 11, Duration.ofSeconds(120), true);
        try (DemoRun run = new DemoRun(options, Map.of(), new PrintWriter(printed, true))) {
            run.start();
            DaemonApi api = new DaemonApi(run.daemon().baseUri());
            // a cold simulator on a loaded machine may be found down at start (and healed): wait for calm
            await("every component healthy, nothing unresolved, before the crash").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.healthy("contexten") && api.healthy("github")
                            && api.incidents().stream().allMatch(i -> i.get("state").asText().equals("RESOLVED")));
            Set<String> before = api.incidents().stream().map(i -> i.get("id").asText()).collect(Collectors.toSet());
            long restartsBefore = run.restarts();

            SimulatorAdmin github = run.simulators().get(Api.GITHUB);
            github.inject("{\"mode\":\"crash\",\"exit_code\":3}");

            await("the pipeline's failure is part of the github incident").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.openedSince(before).stream().anyMatch(i -> i.get("problem_types").toString().contains("pipeline_blocked")));
            String id = api.openedSince(before).getFirst().get("id").asText();
            HttpResponse<String> approved = api.post("/api/incidents/" + id + "/approve", "{\"by\":\"ops\"}");
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            await("selfheal restarts the crashed simulator").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run.restarts() > restartsBefore && github.isUp());

            List<JsonNode> opened = api.openedSince(before);
            assertThat(opened).as("incidents opened by the crash: " + opened).hasSize(1);
            JsonNode incident = opened.getFirst();
            assertThat(incident.get("component").asText()).isEqualTo("github");
            assertThat(incident.get("problem_types").toString()).contains("simulator_down", "pipeline_blocked");

            JsonNode cascade = null;
            for (JsonNode c : api.get("/api/patterns").get("cascades")) {
                if (c.get("incident_id").asText().equals(incident.get("id").asText())) {
                    cascade = c;
                }
            }
            assertThat(cascade).as("the cascade of " + incident.get("id")).isNotNull();
            assertThat(cascade.get("root").asText()).isEqualTo("github");
            assertThat(cascade.get("components").toString()).contains("\"github\"", "\"contexten\"");
            assertThat(cascade.get("root_causes").get(0).get("component").asText()).isEqualTo("github");
            assertThat(cascade.get("root_causes").get(0).get("explains").toString()).contains("contexten");
        }
    }

}
