package dev.selfheal.health.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where check results and status transitions are kept. Implementations: in memory (core),
 * SQLite and PostgreSQL ({@code selfheal-store}); each runs {@code HealthHistoryStoreContract}
 * from the core test jar.
 *
 * <p>Newest first in every list. Implementations are thread-safe.
 */
public interface HealthHistoryStore extends AutoCloseable {

    /** Appends results in one batch (one transaction where the store has them). */
    void appendResults(List<StoredResult> results);

    void appendTransition(StatusTransition transition);

    List<StoredResult> recentResults(String component, int limit);

    List<StatusTransition> transitions(String component, int limit);

    /** The newest transition of every component: where each stood when the daemon stopped. */
    Map<String, StatusTransition> latestTransitions();

    /** Deletes raw results older than {@code cutoff}; transitions are kept. Returns how many went. */
    int purgeResultsBefore(Instant cutoff);

    @Override
    default void close() { }
}
