package dev.selfheal.recovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One recovery step as the write-ahead journal keeps it: written RUNNING before the action
 * starts, rewritten with its outcome after it ends.
 *
 * @param stepId     unique id of this execution
 * @param incidentId the incident it works on
 * @param component  the incident's component
 * @param target     what the action touches (usually the component); never two steps at once on one target
 * @param action     the catalog name of the action
 * @param idempotent whether running it twice is harmless (then an interrupted step may be retried by policy)
 * @param status     where it stands
 * @param startedAt  when it began
 * @param endedAt    when it ended, if it has
 * @param message    what the action (or the engine) said about the outcome
 */
public record RecoveryJournalEntry(
        String stepId,
        String incidentId,
        String component,
        String target,
        String action,
        boolean idempotent,
        Status status,
        Instant startedAt,
        Optional<Instant> endedAt,
        String message) {

    /** RUNNING is the only non-final status. */
    public enum Status {
        RUNNING, SUCCEEDED, FAILED, TIMED_OUT, INTERRUPTED, DRY_RUN;

        public boolean isFailure() {
            return this == FAILED || this == TIMED_OUT || this == INTERRUPTED;
        }
    }

    public RecoveryJournalEntry {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        message = message == null ? "" : message;
    }

    public static RecoveryJournalEntry running(String stepId, String incidentId, String component, String target,
                                               String action, boolean idempotent, Instant startedAt) {
        return new RecoveryJournalEntry(stepId, incidentId, component, target, action, idempotent, Status.RUNNING,
                startedAt, Optional.empty(), "");
    }

    public RecoveryJournalEntry ended(Status outcome, Instant at, String why) {
        if (outcome == Status.RUNNING) {
            throw new IllegalArgumentException("a step cannot end RUNNING");
        }
        return new RecoveryJournalEntry(stepId, incidentId, component, target, action, idempotent, outcome,
                startedAt, Optional.of(at), why);
    }
}
