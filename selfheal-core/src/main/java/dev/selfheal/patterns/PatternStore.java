package dev.selfheal.patterns;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The pattern database: the failure events pattern analysis learns from, and the patterns it
 * found, kept so that both outlive a restart (the events are replayed into a fresh analyzer;
 * a pattern keeps when it was first found).
 */
public interface PatternStore extends AutoCloseable {

    /** Keeps events, in the order given. */
    void append(List<FailureEvent> events);

    /** Every event that started at or after {@code from}, in start order. */
    void replaySince(Instant from, Consumer<FailureEvent> sink);

    /** Forgets events that started before {@code before}; returns how many. */
    long deleteBefore(Instant before);

    /**
     * Records the patterns of a report: new ones are added with {@code report.at()} as when they
     * were first found, known ones get it as when they were last found, and the rest stay as they
     * were (a pattern no longer found is kept, with its last time).
     */
    void savePatterns(List<StoredPattern> found, Instant at);

    /** Every pattern ever found, newest last found first. */
    List<StoredPattern> patterns();

    @Override
    default void close() { }
}
