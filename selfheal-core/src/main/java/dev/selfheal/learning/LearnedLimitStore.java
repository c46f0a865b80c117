package dev.selfheal.learning;

import java.util.List;

/**
 * Where learned performance limits are kept, so they hold across a restart: one row per
 * (component, metric), replaced when the limit moves. Implementations: in memory, JDBC
 * ({@code selfheal-store}); each runs {@code LearnedLimitStoreContract}.
 */
public interface LearnedLimitStore {

    /** Keeps {@code limit}, replacing the one of its (component, metric). */
    void save(LearnedLimit limit);

    /** Every kept limit, by component then metric. */
    List<LearnedLimit> all();
}
