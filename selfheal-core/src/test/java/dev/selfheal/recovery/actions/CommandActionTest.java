package dev.selfheal.recovery.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.RecoveryActionContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandActionTest extends RecoveryActionContract {

    @TempDir
    Path dir;

    @Override
    protected RecoveryAction action() {
        return new CommandAction("flush_queue", CommandSpec.of(Duration.ofSeconds(10), "true"));
    }

    @Override
    protected String component() {
        return "queue";
    }

    @Test
    void it_runs_the_argv_without_a_shell_with_its_environment_and_the_incident() throws Exception {
        CommandAction action = new CommandAction("echo_env", CommandSpec.of(Duration.ofSeconds(10),
                "sh", "-c", "echo \"$GREETING $SELFHEAL_COMPONENT $SELFHEAL_INCIDENT\" > out.txt; echo '$(not expanded)'")
                .withEnvironment(Map.of("GREETING", "hello")).withWorkingDirectory(dir));

        ActionResult result = action.execute(new ActionContext("inc-7", "queue", java.util.List.of(), Instant.now()));

        assertThat(result.success()).isTrue();
        assertThat(Files.readString(dir.resolve("out.txt")).strip()).isEqualTo("hello queue inc-7");
        assertThat(result.details()).containsEntry("output", "$(not expanded)");
    }

    @Test
    void a_non_zero_exit_is_a_failure_with_the_output() throws Exception {
        ActionResult result = new CommandAction("fail", CommandSpec.of(Duration.ofSeconds(10), "sh", "-c", "echo nope >&2; exit 3"))
                .execute(ActionContext.manual("x", Instant.now()));

        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("sh exited 3: nope");
    }

    @Test
    void on_timeout_the_whole_process_tree_is_killed() throws Exception {
        Path pids = dir.resolve("pids");
        CommandAction action = new CommandAction("hang", CommandSpec.of(Duration.ofMillis(800),
                "sh", "-c", "sleep 300 & echo $! > " + pids + "; wait"));

        ActionResult result = action.execute(ActionContext.manual("x", Instant.now()));

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("timed out after 800 ms; process tree killed");
        long grandchild = Long.parseLong(Files.readString(pids).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(grandchild).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void a_program_that_does_not_exist_is_an_error_naming_it() {
        CommandAction action = new CommandAction("missing", CommandSpec.of(Duration.ofSeconds(1), "/no/such/program"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> action.execute(ActionContext.manual("x", Instant.now())))
                .hasMessageContaining("cannot start /no/such/program");
    }
}
