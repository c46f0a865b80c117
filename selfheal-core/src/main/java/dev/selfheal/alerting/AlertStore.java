package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.Silence;
import java.util.List;
import java.util.Optional;

/**
 * Where alerts, the pipeline's decisions about them and silences are kept. Implementations:
 * in memory (core) and JDBC (SQLite, PostgreSQL, {@code selfheal-store}); each runs
 * {@code AlertStoreContract} from the core test jar. Thread-safe.
 */
public interface AlertStore extends AutoCloseable {

    /** Inserts or replaces the alert with this id. */
    void save(Alert alert);

    Optional<Alert> find(String id);

    /** Alerts not resolved, oldest first: what a restarted daemon knows is still firing. */
    List<Alert> open();

    /** Newest first (by start), at most {@code limit}. */
    List<Alert> recent(int limit);

    /** Appends a decision. */
    void record(Decision decision);

    /** The alert's decisions, oldest first (a store may keep only the newest few hundred). */
    List<Decision> decisions(String alertId);

    /** Inserts or replaces the silence with this id. */
    void save(Silence silence);

    /** Every silence kept (active, pending and recently expired), by start. */
    List<Silence> silences();

    /**
     * Applies the writes in order; a store that can, does it in one transaction (all or none).
     * The default applies them one by one.
     */
    default void writeAll(List<AlertWrite> writes) {
        writes.forEach(w -> w.applyTo(this));
    }

    @Override
    default void close() { }
}
