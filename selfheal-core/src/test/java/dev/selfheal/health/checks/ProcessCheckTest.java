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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCheckTest {

    @TempDir
    Path dir;

    private final ChildProcesses children = new ChildProcesses();

    @AfterEach
    void stopChildren() {
        children.close();
    }

    @Test
    void a_process_named_in_a_pid_file_is_healthy_while_it_runs_and_unhealthy_once_it_is_gone() throws Exception {
        // Given a real child process whose pid is written to a pid file
        Process sleeper = children.start("sleep", "300");
        Path pidFile = Files.writeString(dir.resolve("sleeper.pid"), sleeper.pid() + "\n");
        var check = new ProcessCheck(ProcessCheck.Settings.pidFile(pidFile));

        // When it runs, then the check sees it alive
        HealthCheckResult alive = check.check();
        assertThat(alive.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(alive.details()).containsEntry("pid", sleeper.pid());

        // When it is destroyed, then the check sees it gone
        sleeper.destroy();
        ChildProcesses.awaitGone(sleeper.pid());
        HealthCheckResult gone = check.check();
        assertThat(gone.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(gone.message()).isEqualTo("process " + sleeper.pid() + " from " + pidFile + " is not running");
    }

    @Test
    void a_missing_pid_file_is_unhealthy_saying_so() {
        Path missing = dir.resolve("missing.pid");

        HealthCheckResult result = new ProcessCheck(ProcessCheck.Settings.pidFile(missing)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("pid file " + missing + " does not exist");
    }

    @Test
    void an_empty_pid_file_is_unhealthy_saying_so() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pid"), "  \n");

        HealthCheckResult result = new ProcessCheck(ProcessCheck.Settings.pidFile(empty)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("pid file " + empty + " is empty");
    }

    @Test
    void a_pid_file_holding_garbage_is_unhealthy_quoting_it() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pid"), "not-a-pid\n");
        Path negative = Files.writeString(dir.resolve("negative.pid"), "-5");

        HealthCheckResult result = new ProcessCheck(ProcessCheck.Settings.pidFile(garbage)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("pid file " + garbage + " does not hold a process id: 'not-a-pid'");
        assertThat(new ProcessCheck(ProcessCheck.Settings.pidFile(negative)).check().message())
                .endsWith("does not hold a process id: '-5'");
    }

    @Test
    void a_process_whose_command_line_matches_is_found_and_missed_once_it_ends() throws Exception {
        // Given a child whose command line carries a marker no other process has
        String marker = "selfheal-marker-" + UUID.randomUUID();
        Process child = children.start("/bin/sh", "-c", "sleep 300; : " + marker);
        var check = new ProcessCheck(ProcessCheck.Settings.commandLineMatching(Pattern.quote(marker)));

        // Then the check finds exactly it (the sleep child of the shell does not carry the marker)
        await().atMost(ChildProcesses.PATIENCE).until(() -> check.check().status() == HealthStatus.HEALTHY);
        HealthCheckResult found = check.check();
        assertThat(found.details()).containsEntry("pid", child.pid()).containsEntry("matches", 1);

        // When it ends, then nothing matches any more
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        ChildProcesses.awaitGone(child.pid());
        HealthCheckResult missed = check.check();
        assertThat(missed.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(missed.message()).contains("no running process has a command line matching");
    }

    @Test
    void the_jvm_running_the_check_never_matches_itself() {
        String ownCommandLine = ProcessHandle.current().info().commandLine().orElse("java");
        String pattern = Pattern.quote(ownCommandLine);

        HealthCheckResult result = new ProcessCheck(ProcessCheck.Settings.commandLineMatching(pattern)).check();

        assertThat(result.details().get("pid")).isNotEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void bad_settings_are_refused_naming_the_keys() {
        assertThatThrownBy(() -> new ProcessCheck.Settings(Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exactly one of pid-file and command-line-matches must be set: pid-file=(none), command-line-matches=(none)");
        assertThatThrownBy(() -> new ProcessCheck.Settings(Optional.of(Path.of("/run/x.pid")), Optional.of(Pattern.compile("x"))))
                .hasMessage("exactly one of pid-file and command-line-matches must be set: pid-file=/run/x.pid, command-line-matches=x");
        assertThatThrownBy(() -> ProcessCheck.Settings.commandLineMatching("nginx[("))
                .hasMessageStartingWith("command-line-matches must be a regular expression: 'nginx[('");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() throws Exception {
            Process sleeper = children.start("sleep", "300");
            Path pidFile = Files.writeString(dir.resolve("contract-" + sleeper.pid() + ".pid"), Long.toString(sleeper.pid()));
            return new ProcessCheck(ProcessCheck.Settings.pidFile(pidFile));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new ProcessCheck(ProcessCheck.Settings.pidFile(dir.resolve("never-written.pid")));
        }
    }
}
