package dev.selfheal.anomaly;

/**
 * A robust running level and spread: exponentially weighted mean and mean absolute deviation,
 * learning from values clipped to {@code mean ± clip · deviation} so one wild point moves them
 * only a little. The first points are averaged plainly so the estimate is usable quickly: the
 * mean over the values seen, the deviation over their distances from the mean before them (the
 * first value has none: counting its distance from zero would make a series far from zero look
 * calm for hundreds of points). Four numbers of state.
 */
final class EwmaLevel {

    private static final double CLIP = 4.0;

    private final double alpha;
    private double mean;
    private double deviation;
    private long count;

    EwmaLevel(double alpha) {
        this.alpha = alpha;
    }

    void learn(double x) {
        count++;
        if (count == 1) {
            mean = x;
            return;
        }
        double clipped = x;
        if (count > 10 && deviation > 0) {
            double bound = CLIP * deviation;
            clipped = Math.max(mean - bound, Math.min(mean + bound, x));
        }
        double error = clipped - mean;
        // both plain-average weights are below alpha once (count - 1) * alpha >= 1; this runs
        // several times per point, so the two divisions are skipped from then on
        boolean steady = (count - 1) * alpha >= 1;
        mean += (steady ? alpha : Math.max(alpha, 1.0 / count)) * error;
        deviation += (steady ? alpha : Math.max(alpha, 1.0 / (count - 1))) * (Math.abs(error) - deviation);
    }

    double mean() {
        return mean;
    }

    double deviation() {
        return deviation;
    }

    long count() {
        return count;
    }

    /** The deviation, never below a tiny fraction of the level so that flat series do not divide by zero. */
    double safeDeviation() {
        return Math.max(deviation, 1e-9 + 1e-6 * Math.abs(mean));
    }

    static int stateBytes() {
        return 4 * 8;
    }
}
