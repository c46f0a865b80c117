package dev.selfheal.events;

import dev.selfheal.status.HealthCheckResult;
import java.time.Instant;

/**
 * One run of a health check ended (passed, failed, threw or timed out). High volume.
 *
 * @param observed the run was another node's, applied here from the shared store (it is that
 *                 node's to record)
 */
public record CheckCompleted(String component, String group, HealthCheckResult result, boolean observed) implements SelfHealEvent {

    /** A run of this process. */
    public CheckCompleted(String component, String group, HealthCheckResult result) {
        this(component, group, result, false);
    }

    @Override
    public Instant at() {
        return result.timestamp();
    }
}
