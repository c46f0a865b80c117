package dev.selfheal.health;

import dev.selfheal.status.HealthStatus;
import java.util.List;

/** A group's aggregated status and its members. */
public record GroupHealth(String name, GroupPolicy policy, HealthStatus status, String message, List<ComponentHealth> components) {

    public GroupHealth {
        components = List.copyOf(components);
    }
}
