package dev.selfheal.events;

import java.time.Instant;

/**
 * An escalation level ran for an alert: who was notified, which recovery started, or that
 * the service was shut down (degradation level 4). {@code outcome} says whether it worked.
 */
public record EscalationStepRan(String alertId, String policy, int level, int round, String action, String outcome,
                                Instant at) implements SelfHealEvent { }
