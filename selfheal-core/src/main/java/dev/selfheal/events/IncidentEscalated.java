package dev.selfheal.events;

import java.time.Instant;

/**
 * Healing gave up on an incident (plan exhausted, a critical step failed, a safety limit hit,
 * a step interrupted by a crash): a person must look. The alerting capability consumes it.
 */
public record IncidentEscalated(String incidentId, String component, String reason, Instant at) implements SelfHealEvent { }
