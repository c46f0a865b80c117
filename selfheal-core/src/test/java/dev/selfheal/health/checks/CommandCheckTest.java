package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandCheckTest {

    @TempDir
    Path dir;

    @Test
    void exit_zero_is_healthy() throws Exception {
        HealthCheckResult result = new CommandCheck(CommandCheck.Settings.of("true")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("true exited with 0 (no output)");
        assertThat(result.details()).containsEntry("exit_code", 0);
    }

    @Test
    void a_non_zero_exit_is_unhealthy() throws Exception {
        HealthCheckResult result = new CommandCheck(CommandCheck.Settings.of("false")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("false exited with 1 (no output)");
    }

    @Test
    void an_exit_code_listed_as_degraded_is_degraded_with_the_last_line_of_output() throws Exception {
        var settings = CommandCheck.Settings.of("/bin/sh", "-c", "echo hello; exit 3").withDegradedExitCodes(Set.of(3));

        HealthCheckResult result = new CommandCheck(settings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("sh exited with 3: hello");
        assertThat(result.details()).containsEntry("exit_code", 3);
    }

    @Test
    void the_same_exit_code_not_listed_as_degraded_is_unhealthy() throws Exception {
        HealthCheckResult result = new CommandCheck(CommandCheck.Settings.of("/bin/sh", "-c", "echo hello; exit 3")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("sh exited with 3: hello");
    }

    @Test
    void stderr_is_merged_and_the_last_non_empty_line_wins() throws Exception {
        var settings = CommandCheck.Settings.of("/bin/sh", "-c", "echo first; echo 'disk almost full' >&2; echo; echo '   '; exit 1");

        HealthCheckResult result = new CommandCheck(settings).check();

        assertThat(result.message()).isEqualTo("sh exited with 1: disk almost full");
    }

    @Test
    void a_flood_of_output_neither_blocks_the_command_nor_fills_memory() throws Exception {
        // 4 MiB of output: far more than a pipe buffer and than what is kept.
        var settings = CommandCheck.Settings.of("/bin/sh", "-c", "head -c 4194304 /dev/zero | tr '\\0' 'x'; echo; echo done")
                .withTimeout(Duration.ofSeconds(60));

        HealthCheckResult result = new CommandCheck(settings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("sh exited with 0: done");
    }

    @Test
    void argv_is_passed_without_a_shell_so_nothing_is_expanded() throws Exception {
        HealthCheckResult result = new CommandCheck(CommandCheck.Settings.of("echo", "$HOME; exit 9")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("echo exited with 0: $HOME; exit 9");
    }

    @Test
    void environment_and_working_directory_are_applied() throws Exception {
        var settings = CommandCheck.Settings.of("/bin/sh", "-c", "echo \"$CHECK_GREETING from $(pwd)\"")
                .withEnvironment(Map.of("CHECK_GREETING", "hi"))
                .withWorkingDirectory(dir);

        HealthCheckResult result = new CommandCheck(settings).check();

        assertThat(result.message()).isEqualTo("sh exited with 0: hi from " + dir.toRealPath());
    }

    @Test
    void a_program_that_does_not_exist_is_unhealthy_saying_it_could_not_start() throws Exception {
        HealthCheckResult result = new CommandCheck(CommandCheck.Settings.of("/nonexistent/check-thing")).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).startsWith("Could not start /nonexistent/check-thing: ");
    }

    @Test
    void a_command_past_its_timeout_is_killed_and_leaves_no_process_behind() throws Exception {
        var settings = CommandCheck.Settings.of("sleep", "30").withTimeout(Duration.ofMillis(300));

        HealthCheckResult result = new CommandCheck(settings).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("sleep did not finish within PT0.3S and was killed (no output)");
        long pid = (Long) result.details().get("pid");
        ChildProcesses.awaitGone(pid);
    }

    @Test
    void a_timeout_kills_the_commands_children_too() throws Exception {
        // Given a shell that starts a background sleeper and records its pid
        Path childPid = dir.resolve("child.pid");
        var settings = CommandCheck.Settings.of("/bin/sh", "-c", "sleep 30 & echo $! > \"$0\"; wait", childPid.toString())
                .withTimeout(Duration.ofSeconds(2));

        // When the check times out
        HealthCheckResult result = new CommandCheck(settings).check();

        // Then both the shell and its sleeper are gone
        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(childPid).exists();
        long sleeper = Long.parseLong(Files.readString(childPid).strip());
        ChildProcesses.awaitGone((Long) result.details().get("pid"));
        ChildProcesses.awaitGone(sleeper);
    }

    @Test
    void an_interrupted_run_kills_the_command_and_rethrows_the_interrupt() throws Exception {
        // Given a check running a long sleep on its own thread
        Path pidFile = dir.resolve("sleep.pid");
        var check = new CommandCheck(CommandCheck.Settings.of("/bin/sh", "-c", "echo $$ > \"$0\"; exec sleep 30", pidFile.toString())
                .withTimeout(Duration.ofMinutes(5)));
        var outcome = new CompletableFuture<Object>();
        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(check.check());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        await().atMost(ChildProcesses.PATIENCE).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
        long pid = Long.parseLong(Files.readString(pidFile).strip());

        // When the run is interrupted
        runner.interrupt();

        // Then it ends promptly with InterruptedException and the sleeper is gone
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        ChildProcesses.awaitGone(pid);
    }

    @Test
    void settings_hide_environment_values_when_printed() {
        var settings = CommandCheck.Settings.of("check-db").withEnvironment(Map.of("DB_PASSWORD", "hunter2"));

        assertThat(settings.toString()).contains("DB_PASSWORD").doesNotContain("hunter2");
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> CommandCheck.Settings.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("argv must name a program: []");
        assertThatThrownBy(() -> CommandCheck.Settings.of("check").withDegradedExitCodes(Set.of(0)))
                .hasMessage("degraded-exit-codes must be within 1-255 (0 is healthy): 0");
        assertThatThrownBy(() -> CommandCheck.Settings.of("check").withDegradedExitCodes(Set.of(300)))
                .hasMessage("degraded-exit-codes must be within 1-255 (0 is healthy): 300");
        assertThatThrownBy(() -> CommandCheck.Settings.of("check").withTimeout(Duration.ZERO))
                .hasMessage("timeout must be a positive duration, got PT0S");
        assertThatThrownBy(() -> CommandCheck.Settings.of("check").withEnvironment(Map.of("A=B", "x")))
                .hasMessage("environment must have names without '=': 'A=B'");
        assertThatThrownBy(() -> new CommandCheck.Settings(List.of("check"), Map.of(), null, Set.of(), Duration.ofSeconds(1)))
                .hasMessage("working-directory must be set");
        assertThatThrownBy(() -> CommandCheck.Settings.of(" ")).hasMessage("argv[0] must not be blank: ' '");
        assertThat(new CommandCheck.Settings(List.of("check"), Map.of(), Optional.empty(), Set.of(1), Duration.ofSeconds(1)))
                .isNotNull();
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new CommandCheck(CommandCheck.Settings.of("true"));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new CommandCheck(CommandCheck.Settings.of("false"));
        }

        @Override
        protected Optional<HealthCheck> blockingCheck() {
            return Optional.of(new CommandCheck(CommandCheck.Settings.of("sleep", "30").withTimeout(Duration.ofMinutes(5))));
        }
    }
}
