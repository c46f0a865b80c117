package dev.selfheal.escalation;

import java.time.Duration;
import java.util.Objects;

/** One level of a policy: {@code after} the round began and the alert is still unacknowledged and unresolved, do {@code action}. */
public record EscalationLevel(Duration after, EscalationAction action) {

    public EscalationLevel {
        if (after == null || after.isNegative()) {
            throw new IllegalArgumentException("escalation level 'after' must be zero or more, got " + after);
        }
        Objects.requireNonNull(action, "action");
    }
}
