package dev.selfheal.health;

import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import java.util.List;

/** The whole picture: the overall status and every group. */
public record HealthReport(HealthStatus status, List<GroupHealth> groups, Instant timestamp) {

    public HealthReport {
        groups = List.copyOf(groups);
    }
}
