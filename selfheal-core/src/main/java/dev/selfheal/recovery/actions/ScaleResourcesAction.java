package dev.selfheal.recovery.actions;

import dev.selfheal.process.CommandSpec;
import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.time.Duration;

/** {@code scale_resources}: asks the configured {@link Scaler} for more capacity. MEDIUM risk: it costs money. */
public final class ScaleResourcesAction implements RecoveryAction {

    private final Scaler scaler;
    private final Duration timeout;

    public ScaleResourcesAction(Scaler scaler, Duration timeout) {
        this.scaler = scaler;
        this.timeout = timeout;
    }

    /** Scales by running a command (argv, no shell). */
    public static ScaleResourcesAction command(CommandSpec spec) {
        CommandAction command = new CommandAction("scale_resources", spec);
        return new ScaleResourcesAction(command::execute, spec.timeout().plusSeconds(5));
    }

    /** Scales by calling an HTTP hook. */
    public static ScaleResourcesAction http(HttpHookSpec spec) {
        HttpAction hook = new HttpAction("scale_resources", spec);
        return new ScaleResourcesAction(hook::execute, spec.timeout().plusSeconds(5));
    }

    @Override public String name() { return "scale_resources"; }
    @Override public Risk risk() { return Risk.MEDIUM; }
    @Override public Duration timeout() { return timeout; }
    @Override public Duration delayAfter() { return Duration.ofSeconds(10); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        return scaler.scale(context);
    }
}
