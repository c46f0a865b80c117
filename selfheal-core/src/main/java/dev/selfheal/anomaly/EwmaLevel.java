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
    /** Steps learnt so far, and the first point's, for the plain-average start. */
    private double weight;
    private double firstWeight;
    /** The last point weight and its alpha: most series keep one interval, so the power is taken once. */
    private double lastSteps = 1.0;
    private double lastAlpha;

    EwmaLevel(double alpha) {
        this.alpha = alpha;
        this.lastAlpha = alpha;
    }

    void learn(double x) {
        learn(x, 1.0);
    }

    /** Learns a value that stands for {@code steps} reference steps of time ({@link Steps}). */
    void learn(double x, double steps) {
        count++;
        if (count == 1) {
            mean = x;
            weight = steps;
            firstWeight = steps;
            return;
        }
        double clipped = x;
        if (count > 10 && deviation > 0) {
            double bound = CLIP * deviation;
            clipped = Math.max(mean - bound, Math.min(mean + bound, x));
        }
        double error = clipped - mean;
        if (steps != lastSteps) {
            lastSteps = steps;
            lastAlpha = Steps.alpha(alpha, steps);
        }
        double a = lastAlpha;
        weight += steps;
        // both plain-average weights are below alpha once the steps since the first reach 1 / alpha;
        // this runs several times per point, so the two divisions are skipped from then on
        boolean steady = (weight - firstWeight) * alpha >= steps;
        mean += (steady ? a : Math.max(a, steps / weight)) * error;
        deviation += (steady ? a : Math.max(a, steps / (weight - firstWeight))) * (Math.abs(error) - deviation);
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
        return 4 * 8 + 4 * 8;
    }
}
