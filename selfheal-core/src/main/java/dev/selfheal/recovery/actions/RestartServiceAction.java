package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import dev.selfheal.recovery.process.ServiceRestarter;
import java.time.Duration;

/**
 * {@code restart_service}: restarts the component's service through its registered
 * {@link ServiceRestarter}: a {@link dev.selfheal.recovery.process.SupervisedProcess} or a
 * command such as {@code systemctl restart unit}. MEDIUM risk; critical (when a restart cannot
 * even be done, later steps will not help a dead process).
 */
public final class RestartServiceAction implements RecoveryAction {

    private final Registered<ServiceRestarter> restarters = new Registered<>("ServiceRestarter");

    public RestartServiceAction register(String component, ServiceRestarter restarter) {
        restarters.put(component, restarter);
        return this;
    }

    @Override public String name() { return "restart_service"; }
    @Override public Risk risk() { return Risk.MEDIUM; }
    @Override public boolean critical() { return true; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(60); }
    @Override public Duration delayAfter() { return Duration.ofSeconds(1); }

    @Override
    public ActionResult execute(ActionContext context) throws Exception {
        return restarters.require(context.component()).restart();
    }
}
