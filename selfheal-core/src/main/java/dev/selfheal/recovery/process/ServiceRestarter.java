package dev.selfheal.recovery.process;

import dev.selfheal.process.CommandOutcome;
import dev.selfheal.process.CommandRunner;
import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.ActionResult;

/** Restarts one service: a supervised child process, or a command such as {@code systemctl restart unit}. */
@FunctionalInterface
public interface ServiceRestarter {

    ActionResult restart() throws Exception;

    /** A restarter that runs a command; success is exit code 0. */
    static ServiceRestarter command(CommandSpec spec) {
        return () -> {
            CommandOutcome outcome = CommandRunner.run(spec);
            java.util.Map<String, String> details = java.util.Map.of(
                    "exit_code", Integer.toString(outcome.exitCode()), "output", outcome.output());
            if (outcome.succeeded()) {
                return dev.selfheal.recovery.ActionResult.ok("ran " + String.join(" ", spec.argv()), details);
            }
            return dev.selfheal.recovery.ActionResult.failed(outcome.timedOut()
                    ? "%s timed out after %s".formatted(spec.argv().getFirst(), dev.selfheal.time.HumanDuration.of(spec.timeout()))
                    : "%s exited %d: %s".formatted(spec.argv().getFirst(), outcome.exitCode(), outcome.output()), details);
        };
    }
}
