package dev.selfheal.recovery;

import dev.selfheal.incident.ProblemType;
import java.time.Duration;

/**
 * One step of a plan: an action, the problem type it was chosen for, its learned success rate,
 * and why it sits where it does in the plan (empty when the fixed order put it there).
 */
public record PlannedStep(RecoveryAction action, ProblemType problemType, double successRate, Duration estimatedDuration,
                          String why) {

    public PlannedStep {
        why = why == null ? "" : why;
    }

    public PlannedStep(RecoveryAction action, ProblemType problemType, double successRate, Duration estimatedDuration) {
        this(action, problemType, successRate, estimatedDuration, "");
    }

    public String name() {
        return action.name();
    }

    /** The same step with a reason for its place. */
    public PlannedStep because(String reason) {
        return new PlannedStep(action, problemType, successRate, estimatedDuration, reason);
    }

    @Override
    public String toString() {
        return "%s(%s, success %.0f%%)".formatted(action.name(), action.risk(), successRate * 100);
    }
}
