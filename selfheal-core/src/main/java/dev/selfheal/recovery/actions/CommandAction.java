package dev.selfheal.recovery.actions;

import dev.selfheal.process.CommandOutcome;
import dev.selfheal.process.CommandRunner;
import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A generic action that runs a command: argv (no shell), environment, timeout (the process tree
 * is killed when it passes). Success is exit code 0. The environment gets
 * {@code SELFHEAL_INCIDENT} and {@code SELFHEAL_COMPONENT}. MEDIUM risk by default: what a
 * command does is not known.
 */
public final class CommandAction implements RecoveryAction {

    private final String name;
    private final CommandSpec spec;

    public CommandAction(String name, CommandSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    @Override public String name() { return name; }
    @Override public Risk risk() { return Risk.MEDIUM; }
    @Override public Duration timeout() { return spec.timeout().plusSeconds(5); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.put("SELFHEAL_INCIDENT", context.incidentId());
        environment.put("SELFHEAL_COMPONENT", context.component());
        CommandOutcome outcome = CommandRunner.run(spec.withEnvironment(environment));
        Map<String, String> details = Map.of("exit_code", Integer.toString(outcome.exitCode()),
                "pid", Long.toString(outcome.pid()), "output", outcome.output(),
                "duration_ms", Long.toString(outcome.duration().toMillis()));
        if (outcome.timedOut()) {
            return ActionResult.failed("%s timed out after %s; process tree killed".formatted(spec.argv().getFirst(), dev.selfheal.time.HumanDuration.of(spec.timeout())), details);
        }
        if (outcome.exitCode() != 0) {
            return ActionResult.failed("%s exited %d: %s".formatted(spec.argv().getFirst(), outcome.exitCode(), outcome.output()), details);
        }
        return ActionResult.ok("%s exited 0%s".formatted(spec.argv().getFirst(),
                outcome.output().isBlank() ? "" : ": " + outcome.output()), details);
    }
}
