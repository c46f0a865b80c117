package dev.selfheal.prediction;

/**
 * Where a forecaster expects a resource to go: the value it expects at a time, what of it
 * survives a reset (a GC, a rotation, a quota window), and how unsure it is there.
 */
public interface Trajectory {

    /** The expected reading at {@code millis}; what held-out points are scored against. */
    double expected(long millis);

    /**
     * What must stay under the limit at {@code millis}. For most resources the reading itself;
     * for a sawtooth the floor after the drops, since the peaks are released by design.
     */
    default double surviving(long millis) {
        return expected(millis);
    }

    /** One standard deviation of {@link #surviving} at {@code millis}: noise plus the fit's own doubt. */
    double spread(long millis);

    /**
     * How long a stretch of readings the trend rests on, in ms: a line fitted over the last
     * quarter of an hour has seen its trend for that long, whatever the window held before.
     * {@link Exhaustion} trusts it only a fraction of that far ahead. Unbounded for a shape known
     * by other means (a season over days).
     */
    default long basis() {
        return Long.MAX_VALUE;
    }
}
