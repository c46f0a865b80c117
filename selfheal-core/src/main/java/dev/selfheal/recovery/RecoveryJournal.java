package dev.selfheal.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The write-ahead journal of recovery steps. {@link #begin} is durable before the action runs
 * and {@link #end} after it ends, so that after a crash the engine knows which step was cut off
 * ({@link #running()}) and does not run it again blindly.
 *
 * <p>Implementations: in memory (core), SQLite and PostgreSQL; each runs
 * {@code RecoveryJournalContract} from the core test jar. Thread-safe.
 */
public interface RecoveryJournal extends AutoCloseable {

    /** Records a step as RUNNING. A step id may begin only once. */
    void begin(RecoveryJournalEntry entry);

    /**
     * Records how a RUNNING step ended. Returns false (and changes nothing) when the step is not
     * RUNNING any more: the first ending wins.
     */
    boolean end(String stepId, RecoveryJournalEntry.Status outcome, Instant at, String message);

    Optional<RecoveryJournalEntry> find(String stepId);

    /** Steps still RUNNING, oldest first: after a crash, the ones that were cut off. */
    List<RecoveryJournalEntry> running();

    /** Steps on {@code component} that started at or after {@code since}, newest first. */
    List<RecoveryJournalEntry> since(String component, Instant since);

    /** Steps of one incident, in the order they started. */
    List<RecoveryJournalEntry> forIncident(String incidentId);

    @Override
    default void close() { }
}
