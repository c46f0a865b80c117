package dev.selfheal.learning;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.recovery.RecoveryRun;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One incident's recovery as it will be learned from: the situation it happened in, the plan,
 * each step with its outcome, whether recovery was verified and how long it took. Records are
 * append-only; everything the learning system knows can be rebuilt by reading them in order.
 *
 * @param sequence          the store's order (0 until appended)
 * @param kind              the component's kind (its check group), which effectiveness is learned per
 * @param othersUnhealthy   the other components unhealthy when the run ended
 * @param hourOfDay         0-23, UTC, of the opening
 * @param weekday           of the opening, UTC
 * @param degradationLevel  0-4 when the run ended
 * @param sinceLastIncident from the component's previous recorded incident to this one's opening
 * @param plan              the planned action names in order
 * @param steps             the steps that ran, in order
 */
public record RecoveryRecord(long sequence, String incidentId, String component, String kind, List<ProblemType> problemTypes,
                             List<String> othersUnhealthy, int hourOfDay, DayOfWeek weekday, int degradationLevel,
                             Optional<Duration> sinceLastIncident, List<String> plan, List<RecoveryRun.Step> steps,
                             IncidentState outcome, boolean verified, Instant openedAt, Instant endedAt, String reason) {

    public RecoveryRecord {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(kind, "kind");
        problemTypes = List.copyOf(problemTypes);
        othersUnhealthy = List.copyOf(othersUnhealthy);
        if (hourOfDay < 0 || hourOfDay > 23) {
            throw new IllegalArgumentException("record of %s: hour of day must be 0-23, got %d".formatted(incidentId, hourOfDay));
        }
        Objects.requireNonNull(weekday, "weekday");
        Objects.requireNonNull(sinceLastIncident, "sinceLastIncident");
        plan = List.copyOf(plan);
        steps = List.copyOf(steps);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        reason = reason == null ? "" : reason;
    }

    /** The record of {@code run} in {@code situation}, not yet appended. */
    public static RecoveryRecord of(RecoveryRun run, Situation situation) {
        var opened = run.openedAt().atZone(java.time.ZoneOffset.UTC);
        return new RecoveryRecord(0, run.incidentId(), run.component(), situation.kind(), run.problemTypes(),
                situation.othersUnhealthy(), opened.getHour(), opened.getDayOfWeek(), situation.degradationLevel(),
                situation.sinceLastIncident(), run.plan(), run.steps(), run.outcome(), run.verified(), run.openedAt(),
                run.endedAt(), run.reason());
    }

    /** From the opening to the end of the run: the time to verified recovery when {@link #verified()}. */
    public Duration timeToRecovery() {
        return Duration.between(openedAt, endedAt);
    }

    /** The first problem type: the one the plan was mostly made for. */
    public ProblemType primaryType() {
        return problemTypes.isEmpty() ? ProblemType.COMPONENT_UNHEALTHY : problemTypes.getFirst();
    }

    /** The action whose step was verified, if any. */
    public Optional<String> fixedBy() {
        return steps.stream().filter(RecoveryRun.Step::verified).map(RecoveryRun.Step::action).findFirst();
    }

    public RecoveryRecord withSequence(long value) {
        return new RecoveryRecord(value, incidentId, component, kind, problemTypes, othersUnhealthy, hourOfDay, weekday,
                degradationLevel, sinceLastIncident, plan, steps, outcome, verified, openedAt, endedAt, reason);
    }

    /** What else was going on: read from health and degradation when the run ended. */
    public record Situation(String kind, List<String> othersUnhealthy, int degradationLevel, Optional<Duration> sinceLastIncident) {
        public Situation {
            othersUnhealthy = List.copyOf(othersUnhealthy);
        }
    }
}
