package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import java.time.Duration;

/** {@code clear_dead_connections}: soft-evicts the component's connection pool. */
public final class ClearDeadConnectionsAction implements RecoveryAction {

    private final Registered<ConnectionPoolControl> pools = new Registered<>("ConnectionPoolControl");

    public ClearDeadConnectionsAction register(String component, ConnectionPoolControl pool) {
        pools.put(component, pool);
        return this;
    }

    @Override public String name() { return "clear_dead_connections"; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(10); }
    @Override public Duration delayAfter() { return Duration.ofSeconds(1); }

    @Override
    public ActionResult execute(ActionContext context) {
        pools.require(context.component()).softEvictConnections();
        return ActionResult.ok("soft-evicted the connections of " + context.component());
    }
}
