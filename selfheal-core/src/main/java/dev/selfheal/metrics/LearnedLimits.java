package dev.selfheal.metrics;

/**
 * Limits learned from a component's own normal behaviour, consulted by the
 * {@link PerformanceMonitor} before it compares a measurement (the learning is elsewhere, so that
 * the monitor does not depend on it).
 */
public interface LearnedLimits {

    /**
     * The limit to hold {@code m} to: the learned one where there is one, else {@code configured}.
     * The implementation may learn from {@code m} when it is normal (within that limit, and its
     * component in no trouble).
     */
    double limitFor(Measurement m, double configured);

    /** None: the configured limits. */
    LearnedLimits NONE = (m, configured) -> configured;
}
