package dev.selfheal.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A recovery step ended. {@code outcome} is the journal's status name (SUCCEEDED, FAILED,
 * TIMED_OUT, DRY_RUN, INTERRUPTED).
 */
public record RecoveryStepEnded(String incidentId, String component, String action, String outcome,
                                Duration duration, String message, Instant at) implements SelfHealEvent { }
