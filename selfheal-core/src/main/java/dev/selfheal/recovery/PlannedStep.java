package dev.selfheal.recovery;

import dev.selfheal.incident.ProblemType;
import java.time.Duration;

/**
 * One step of a plan: an action, the problem type it was chosen for, and its learned success rate.
 */
public record PlannedStep(RecoveryAction action, ProblemType problemType, double successRate, Duration estimatedDuration) {

    public String name() {
        return action.name();
    }

    @Override
    public String toString() {
        return "%s(%s, success %.0f%%)".formatted(action.name(), action.risk(), successRate * 100);
    }
}
