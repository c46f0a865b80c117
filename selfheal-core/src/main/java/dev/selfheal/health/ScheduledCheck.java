package dev.selfheal.health;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.Cancellable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's state for one registered check: its damper, its next run, and whether its
 * body is running. Package-private; the manager owns every field.
 */
final class ScheduledCheck {

    final CheckDefinition definition;
    final StatusDamper damper;
    /** True from the moment a run is dispatched until its body has returned. */
    final AtomicBoolean bodyRunning = new AtomicBoolean();
    volatile CompletableFuture<HealthCheckResult> inFlight;
    volatile Thread runner;
    volatile long runStartedNanos;
    /** When the next scheduled run is due, on the scheduler's monotonic clock. */
    long nextDueNanos;
    Cancellable nextRun = Cancellable.NONE;
    volatile boolean removed;
    /**
     * Held while a result is applied and its events published, so a check's events go out in the
     * order its results were applied. Taken before this object's own lock, never inside it: a
     * subscriber may wait for another lock (the recovery engine's) whose holder reads this
     * check's {@link #snapshot}, and that read must not wait for the publishing to end.
     */
    final Object publishing = new Object();

    ScheduledCheck(CheckDefinition definition, StatusDamper damper) {
        this.definition = definition;
        this.damper = damper;
    }

    synchronized ComponentHealth snapshot() {
        return new ComponentHealth(definition.name(), definition.group(), damper.status(), damper.since(),
                damper.last(), damper.consecutiveFailures(), damper.consecutiveSuccesses());
    }
}
