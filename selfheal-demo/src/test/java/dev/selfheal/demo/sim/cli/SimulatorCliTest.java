package dev.selfheal.demo.sim.cli;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
import dev.selfheal.demo.sim.SimulatorProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code selfheal simulator ...} as a user runs it, against real simulator processes. */
class SimulatorCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new CommandLine(new SimulatorCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void run_and_fault_explain_themselves_with_help() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--api", "--port", "--seed", "--token", "--state-file", "LISTENING port=<n>");
        assertThat(run("fault", "--help")).isZero();
        assertThat(out.toString()).contains("error-rate", "memory-growth", "--mib-per-second");
    }

    @Test
    void the_fault_command_injects_lists_and_clears_and_reports_refusals_and_bad_usage() {
        try (SimulatorProcess slack = SimulatorProcess.start(Api.SLACK, 1, "xoxb", Optional.empty())) {
            String port = String.valueOf(slack.port());

            assertThat(run("fault", "--port", port, "latency", "--min", "10ms", "--max", "20ms", "--duration", "5m")).isZero();
            assertThat(out.toString()).contains("\"min_ms\":10", "\"max_ms\":20", "\"duration_ms\":300000");
            assertThat(run("fault", "--port", port, "list")).isZero();
            assertThat(out.toString()).contains("\"mode\":\"latency\"");
            assertThat(run("fault", "--port", port, "clear", "latency")).isZero();
            assertThat(out.toString()).contains("\"was_active\":true");

            assertThat(run("fault", "--port", port, "error-rate", "--rate", "2")).isEqualTo(1);
            assertThat(err.toString()).contains("HTTP 400", "must be between 0 and 1, got 2.0");
            assertThat(run("fault", "--port", port, "meltdown")).isEqualTo(2);
            assertThat(err.toString()).contains("mode is \"meltdown\"");
            assertThat(run("fault", "--port", port, "hang", "--duration", "soon")).isEqualTo(2);
            assertThat(err.toString()).contains("--duration is \"soon\"");
        }
    }

    @Test
    void a_crash_ends_the_process_with_its_exit_code_and_a_restart_with_a_state_file_remembers_every_application(@TempDir Path dir) {
        try (SimulatorProcess github = SimulatorProcess.start(Api.GITHUB, 1, "t", Optional.of(dir.resolve("github.jsonl")))) {
            SimHttp http = new SimHttp(github.baseUrl());
            String[] keyed = {"Authorization", "Bearer t", "Idempotency-Key", "event-1"};
            HttpResponse<String> original = http.post("/repos/acme/widgets/issues/1/comments", "{\"body\":\"hi\"}", keyed);
            int port = github.port();

            assertThat(run("fault", "--port", String.valueOf(port), "crash", "--exit-code", "3")).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> !github.isAlive());
            assertThat(github.exitCode()).contains(3);

            github.restart();
            HttpResponse<String> repeated = http.post("/repos/acme/widgets/issues/1/comments", "{\"body\":\"hi\"}", keyed);
            HttpResponse<String> next = http.post("/repos/acme/widgets/issues/1/comments", "{\"body\":\"next\"}",
                    "Authorization", "Bearer t", "Idempotency-Key", "event-2");

            assertThat(github.port()).isEqualTo(port);
            assertThat(repeated.body()).isEqualTo(original.body());
            assertThat(json(next).get("id").asLong()).isEqualTo(json(original).get("id").asLong() + 1);
            assertThat(json(http.get("/_admin/applications?key=event-1")).at("/applications/0/applied").asLong()).isEqualTo(1);
            assertThat(json(http.get("/_admin/applications")).get("applied_more_than_once").asLong()).isZero();
        }
    }

    @Test
    void a_killed_simulator_is_gone_and_comes_back_on_the_same_port() {
        try (SimulatorProcess codegen = SimulatorProcess.start(Api.CODEGEN, 1, "t", Optional.empty())) {
            long pid = codegen.pid();

            codegen.kill();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            codegen.restart();
            assertThat(codegen.pid()).isNotEqualTo(pid);
            assertThat(new SimHttp(codegen.baseUrl()).get("/v1/users/me", "Authorization", "Bearer t").statusCode()).isEqualTo(200);
        }
    }
}
