package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import java.time.Duration;

/** {@code restart_integration}: calls the {@link IntegrationRestarter} registered for the component. */
public final class RestartIntegrationAction implements RecoveryAction {

    private final Registered<IntegrationRestarter> restarters = new Registered<>("IntegrationRestarter");

    public RestartIntegrationAction register(String integration, IntegrationRestarter restarter) {
        restarters.put(integration, restarter);
        return this;
    }

    @Override public String name() { return "restart_integration"; }
    @Override public Risk risk() { return Risk.LOW; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(30); }
    @Override public Duration delayAfter() { return Duration.ofSeconds(2); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        String what = restarters.require(context.component()).restart(context.component());
        return ActionResult.ok(what == null || what.isBlank() ? "restarted integration " + context.component() : what);
    }
}
