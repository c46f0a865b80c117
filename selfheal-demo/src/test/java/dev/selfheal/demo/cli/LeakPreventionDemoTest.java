package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.sim.Api;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * The demo for real: a leak in the Slack simulator's JVM that would fill its 256 MiB heap in about
 * a minute (and then end it: {@code -XX:+ExitOnOutOfMemoryError}) is forecast from the heap
 * the simulator reports, a {@code predicted_exhaustion_memory} incident opens for slack, and
 * selfheal restarts the simulator before the heap runs out: one restart, selfheal's, and no
 * other incident; it resolves once the restarted simulator answers and its forecast no longer
 * crosses.
 */
class LeakPreventionDemoTest {

    @TempDir
    Path data;

    @Test
    void aLeakingSimulatorIsRestartedBeforeItsHeapRunsOut() throws Exception {
        StringWriter printed = new StringWriter();
        DemoOptions options = new DemoOptions(0, 0, data, Optional.of(Duration.ofSeconds(240)), 5, false, 13, Duration.ofSeconds(120));
        try (DemoRun run = new DemoRun(options, Map.of(), new PrintWriter(printed, true))) {
            run.start();
            DaemonApi api = new DaemonApi(run.daemon().baseUri());
            await("every simulator's heap forecast, nothing unresolved").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.get("/api/predictions").get("forecasts").size() == Api.values().length
                            && api.incidents().stream().allMatch(i -> i.get("state").asText().equals("RESOLVED")));
            Set<String> before = api.incidents().stream().map(i -> i.get("id").asText()).collect(Collectors.toSet());
            long restartsBefore = run.restarts();

            SimulatorAdmin slack = run.simulators().get(Api.SLACK);
            slack.inject("{\"mode\":\"memory-growth\",\"mib_per_second\":4,\"max_mib\":1024}");

            await("selfheal restarts the leaking simulator and resolves the predicted incident").atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> run.restarts() > restartsBefore && api.openedSince(before).stream()
                            .anyMatch(i -> i.get("state").asText().equals("RESOLVED")));

            List<JsonNode> opened = api.openedSince(before);
            assertThat(opened).as("incidents opened by the leak: " + opened).hasSize(1);
            JsonNode incident = opened.getFirst();
            assertThat(incident.get("component").asText()).isEqualTo("slack");
            // the forecast opened it; the probe may fail while the simulator restarts, which joins the same incident
            assertThat(incident.get("problem_types").get(0).asText()).isEqualTo("predicted_exhaustion_memory");
            assertThat(run.restarts()).as("one restart, by selfheal: the heap never ran out (that exit would be restarted too)")
                    .isEqualTo(restartsBefore + 1);
            JsonNode detail = api.get("/api/incidents/" + incident.get("id").asText());
            assertThat(detail.toString()).contains("restart_service").contains("will be exhausted in about");
            assertThat(slack.isUp()).isTrue();
            assertThat(java.nio.file.Files.readString(data.resolve("logs").resolve("slack.log")))
                    .as("the simulator's own output: its JVM never ran out of heap").doesNotContain("OutOfMemoryError");
        }
    }

}
