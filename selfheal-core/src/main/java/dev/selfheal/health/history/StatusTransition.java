package dev.selfheal.health.history;

import dev.selfheal.status.HealthStatus;
import java.time.Instant;

/** A change of a component's damped status, as history keeps it. Transitions are kept for good. */
public record StatusTransition(String component, String group, HealthStatus from, HealthStatus to, Instant at, String reason) { }
