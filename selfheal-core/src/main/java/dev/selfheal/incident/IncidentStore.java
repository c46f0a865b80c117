package dev.selfheal.incident;

import java.util.List;
import java.util.Optional;

/**
 * Where incidents, their problems and their timelines are kept. Implementations: in memory
 * (core), SQLite and PostgreSQL ({@code selfheal-store}); each runs {@code IncidentStoreContract}
 * from the core test jar.
 *
 * <p>{@link #save} is an upsert of the incident's header and an append of what is new in its
 * problem list and timeline (both only grow; entries are matched by position), so saving the
 * same incident twice changes nothing. Thread-safe.
 */
public interface IncidentStore extends AutoCloseable {

    void save(Incident incident);

    Optional<Incident> find(String id);

    /** Newest first (by opening time), at most {@code limit}. */
    List<Incident> recent(int limit);

    /** Every incident not RESOLVED, oldest first: what a restarted engine picks up again. */
    List<Incident> unresolved();

    @Override
    default void close() { }
}
