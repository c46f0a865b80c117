package dev.selfheal.recovery.actions;

import dev.selfheal.recovery.ActionContext;
import dev.selfheal.recovery.ActionResult;
import dev.selfheal.recovery.RecoveryAction;
import dev.selfheal.recovery.Risk;
import dev.selfheal.recovery.db.FailoverDataSource;
import java.time.Duration;
import java.util.Map;

/**
 * {@code failover_database}: switches the component's {@link FailoverDataSource} to its replica.
 * HIGH risk (writes may go to a replica that lags): waits for approval unless allowed.
 */
public final class FailoverDatabaseAction implements RecoveryAction {

    private final Registered<FailoverDataSource> dataSources = new Registered<>("FailoverDataSource");

    public FailoverDatabaseAction register(String component, FailoverDataSource dataSource) {
        dataSources.put(component, dataSource);
        return this;
    }

    @Override public String name() { return "failover_database"; }
    @Override public Risk risk() { return Risk.HIGH; }
    @Override public boolean critical() { return true; }
    @Override public boolean idempotent() { return true; }
    @Override public Duration timeout() { return Duration.ofSeconds(15); }
    @Override public Duration delayAfter() { return Duration.ofSeconds(2); }

    @Override
    public ActionResult execute(ActionContext context) {
        FailoverDataSource dataSource = dataSources.require(context.component());
        boolean switched = dataSource.failover("incident " + context.incidentId());
        return ActionResult.ok(switched ? "switched %s to its replica".formatted(context.component())
                        : "%s was already on its replica".formatted(context.component()),
                Map.of("active", dataSource.active().name().toLowerCase()));
    }
}
