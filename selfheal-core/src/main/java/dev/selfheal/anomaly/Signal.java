package dev.selfheal.anomaly;

/**
 * One kind of evidence a detector watches, computed from the series so far. Most signals give
 * a raw surprise whose scale is their own (a z-score, bits of surprise) and leave it to a
 * {@link TailCalibrator} to say how unusual that surprise is for this series; a signal that
 * already speaks in probabilities says so with {@link #isProbability()}.
 */
interface Signal {

    /** Learns from the point and returns the surprise it carries (finite, >= 0). */
    double observe(long epochSecond, double value);

    /**
     * As {@link #observe(long, double)}, for a point that stands for {@code steps} reference steps
     * of time ({@link Steps}: the time since the previous point over five minutes). Signals whose
     * memories are durations weigh the point by it; the others ignore it.
     */
    default double observe(long epochSecond, double value, double steps) {
        return observe(epochSecond, value);
    }

    /** True when {@link #observe} already returns a score in [0, 1] that needs no calibration. */
    default boolean isProbability() {
        return false;
    }

    /**
     * The least spread, in log units, the calibrator assumes for this signal's surprise. A
     * Gaussian fit of {@code log(1 + surprise)} is close for most signals; one whose surprise has
     * a heavier right tail asks for a wider floor so that noise does not read as rare.
     */
    default double calibrationFloor() {
        return 0.15;
    }

    /** Approximate bytes of state this signal holds (fields and arrays), for the memory budget. */
    int stateBytes();
}
