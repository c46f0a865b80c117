package dev.selfheal.anomaly;

/**
 * Time as the detectors count it: every memory is a duration, written as a rate per reference
 * step of five minutes (the interval most monitoring scrapes average to, and NAB's). A point
 * stands for the time since the previous one, in steps, up to one: at a ten-second interval a
 * point weighs 1/30, and a memory that forgets a fraction {@code a} per step forgets
 * {@code 1 − (1 − a)^w} over a point of weight {@code w}, so at any interval finer than five
 * minutes the detector forgets the same amount per hour. The learning period (a number of
 * samples), the stretch of {@link SubsequenceNovelty} and the run of {@link FlatLine} are still
 * counted in points.
 */
final class Steps {

    /** The reference step: the documented rates are per five minutes. */
    static final long STEP_SECONDS = 300;
    /**
     * The most a single point can weigh: one step. At intervals finer than the step a memory is a
     * duration; at coarser ones it is a number of points, because a memory of a day holds only 24
     * hourly points, too few to estimate a level and a spread, and a gap in collection is not
     * time the series spent at its last value.
     */
    static final double MAX = 1;
    /** The least a point can weigh (one second, and a repeated timestamp). */
    static final double MIN = 1.0 / STEP_SECONDS;

    private Steps() {
    }

    /** The weight of a point {@code seconds} after the previous one. */
    static double of(long seconds) {
        return Math.max(MIN, Math.min(MAX, seconds / (double) STEP_SECONDS));
    }

    /** The fraction forgotten over {@code steps} steps by a memory that forgets {@code perStep} per step. */
    static double alpha(double perStep, double steps) {
        return steps == 1.0 ? perStep : -Math.expm1(steps * Math.log1p(-perStep));
    }
}
