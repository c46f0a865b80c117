package dev.selfheal.learning;

import java.util.List;
import java.util.Optional;

/**
 * Where recovery records are kept, append-only: in memory here, SQLite or PostgreSQL in
 * {@code selfheal-store}. Implementations are thread-safe and run {@code RecoveryRecordStoreContract}.
 */
public interface RecoveryRecordStore extends AutoCloseable {

    /** Keeps a record and returns it with its sequence number, greater than any before it. */
    RecoveryRecord append(RecoveryRecord record);

    /** Up to {@code limit} records with a sequence below {@code before}, newest first (a page of history). */
    List<RecoveryRecord> before(long before, int limit);

    /** Up to {@code limit} records with a sequence above {@code after}, oldest first (to replay or follow). */
    List<RecoveryRecord> after(long after, int limit);

    /** The records of one incident, oldest first (an incident worked again after a restart has several). */
    List<RecoveryRecord> forIncident(String incidentId);

    /** The newest record of a component. */
    Optional<RecoveryRecord> lastFor(String component);

    @Override
    default void close() { }
}
