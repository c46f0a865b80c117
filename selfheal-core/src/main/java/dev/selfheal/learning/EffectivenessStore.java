package dev.selfheal.learning;

import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import java.util.List;

/** Per (problem type, action) outcome counts that the learning system keeps. Thread-safe. */
public interface EffectivenessStore extends AutoCloseable {

    /** Adds one outcome and returns the new totals. */
    Effectiveness record(String problemType, String action, boolean success, Duration duration);

    /** The totals, or {@link Effectiveness#none} when never tried. */
    Effectiveness get(String problemType, String action);

    List<Effectiveness> all();

    @Override
    default void close() { }
}
