package dev.selfheal.events;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import java.util.List;

/**
 * A component's damped status changed: it crossed its failure or success threshold. The
 * evidence is the run of results that made it cross, oldest first.
 */
public record ComponentStatusChanged(
        String component,
        String group,
        HealthStatus from,
        HealthStatus to,
        Instant at,
        String reason,
        List<HealthCheckResult> evidence) implements SelfHealEvent {

    public ComponentStatusChanged {
        evidence = List.copyOf(evidence);
    }
}
