package dev.selfheal.recovery;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows when it stops working an incident: the plan, every step that ran with
 * its outcome, and how the run ended. The engine hands it to {@link ActionOutcomes#runEnded}
 * once per run; learning turns it into a durable recovery record.
 *
 * @param problemTypes the incident's problem types, first seen first
 * @param plan         the planned action names, in plan order
 * @param steps        the steps that ran, in order (none when nothing ran)
 * @param outcome      RESOLVED or ESCALATED
 * @param verified     whether a step was followed by a passed verification
 * @param openedAt     when the incident opened (time to recovery counts from here)
 * @param startedAt    when the run planned
 * @param endedAt      when the run ended
 * @param reason       the engine's last word on the run
 */
public record RecoveryRun(String incidentId, String component, List<ProblemType> problemTypes, List<String> plan,
                          List<Step> steps, IncidentState outcome, boolean verified, Instant openedAt, Instant startedAt,
                          Instant endedAt, String reason) {

    public RecoveryRun {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(component, "component");
        problemTypes = List.copyOf(problemTypes);
        plan = List.copyOf(plan);
        steps = List.copyOf(steps);
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }

    /** From the incident's opening to the end of the run. */
    public Duration timeToEnd() {
        return Duration.between(openedAt, endedAt);
    }

    /**
     * One step that ran.
     *
     * @param status   the journal's outcome (SUCCEEDED, FAILED, TIMED_OUT, ...)
     * @param verified whether the component was verified healthy after it
     * @param duration how long the action body took
     * @param toVerdict from the step's start to its verdict (action, delay and verification)
     */
    public record Step(String action, ProblemType problemType, Risk risk, String status, boolean verified,
                       Duration duration, Duration toVerdict) {

        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(problemType, "problemType");
            Objects.requireNonNull(risk, "risk");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(toVerdict, "toVerdict");
        }
    }
}
