package dev.selfheal.anomaly;

/**
 * Turns a signal's raw surprise into a score in [0, 1] that means the same on every series:
 * how improbable the current surprise is, given the surprise this series usually shows.
 *
 * <p>This is the idea behind HTM's "anomaly likelihood": a raw surprise is not comparable across
 * series (a noisy series is always a little surprising), but its own distribution is learnable.
 * The calibrator keeps a long-run mean and variance of the surprise and of a short average of
 * it, and scores the more improbable of the two: the point itself (one extreme point shows at
 * once) or the short average (a sustained moderate change shows too). The improbability is the
 * Gaussian upper-tail probability mapped to decades, {@code −log10(P) / decades}, capped at 1;
 * with the default ten decades 0.5 means "about a 1-in-10^5 event for this series", so a
 * threshold separates on a scale where rare still looks different from very rare.
 *
 * <p>Raw surprises are heavy-tailed (a z-score of 600 after a quiet stretch is common), so the
 * calibrator works on {@code log(1 + raw)}: a Gaussian fit of that is much closer to the truth,
 * and a surprise that recurs (a step every day) widens the learnt spread until it stops
 * looking rare, which is what "normal for this series" means. All state is eight numbers.
 */
final class TailCalibrator {

    private final double shortAlpha;
    private final double longAlpha;
    private final double decades;
    private final double minDeviation;

    private double shortMean;
    private double pointMean;
    private double pointVariance;
    private double averageMean;
    private double averageVariance;
    /** Steps of time learnt ({@link Steps}); with five-minute points, the number of points. */
    private double count;
    /** Surprises seen: a spread needs samples, so the first few are learnt without a score, at any interval. */
    private long samples;
    private double lastSteps = 1.0;
    private double lastShortAlpha;
    private double lastLongAlpha;

    TailCalibrator(double shortAlpha, double longAlpha, double decades, double minDeviation) {
        this.shortAlpha = shortAlpha;
        this.longAlpha = longAlpha;
        this.decades = decades;
        this.minDeviation = minDeviation;
        this.lastShortAlpha = shortAlpha;
        this.lastLongAlpha = longAlpha;
    }

    /**
     * How many points the long-run mean and variance remember: HTM's anomaly likelihood keeps
     * 8,640 (a month of five-minute points). Until then every surprise seen weighs the same
     * (a plain average). A much shorter memory forgets a series' usual surprises between two
     * bursts of them, and the next burst looks rare again.
     */
    static final int LONG_RUN_POINTS = 8_640;

    /**
     * Short average over about three points, long run over {@link #LONG_RUN_POINTS}, ten decades to a
     * score of 1, and a spread never taken below 0.15 in log space: without that floor a signal
     * that is quiet on a quiet series (a trend statistic on pure noise) has so narrow a learnt
     * spread that an ordinary wobble reads as a five-sigma event.
     */
    static TailCalibrator standard() {
        return withFloor(0.15);
    }

    /** As {@link #standard()}, with another floor under the spread (log units). */
    static TailCalibrator withFloor(double minDeviation) {
        return new TailCalibrator(0.3, 1.0 / LONG_RUN_POINTS, 10, minDeviation);
    }

    /** Scores a raw surprise (before learning it). 0 until a few surprises have been seen. */
    double score(double raw) {
        return scoreOf(z(raw), decades);
    }

    /**
     * How many long-run deviations the surprise (or its short average, whichever is further
     * out) lies above what this series usually shows; learns the surprise. 0 until a few
     * surprises have been seen. Callers that fuse several calibrators take the largest z and
     * convert it once with {@link #scoreOf}: the tail is monotone, so that is the same as the
     * largest score, for one tail evaluation instead of one per signal.
     */
    double z(double raw) {
        return z(raw, 1.0);
    }

    /** As {@link #z(double)}, for a surprise standing for {@code steps} steps of time ({@link Steps}). */
    double z(double raw, double steps) {
        if (steps != lastSteps) {
            lastSteps = steps;
            lastShortAlpha = Steps.alpha(shortAlpha, steps);
            lastLongAlpha = Steps.alpha(longAlpha, steps);
        }
        double x = Math.log(1 + raw);
        shortMean = count == 0 ? x : shortMean + lastShortAlpha * (x - shortMean);
        // Squared z's of the point and of the short average, compared before the one square root:
        // this runs for every signal on every point, and square roots are the dearest part.
        double minVariance = minDeviation * minDeviation;
        double dPoint = Math.max(0, x - pointMean);
        double dAverage = Math.max(0, shortMean - averageMean);
        double zSquared = Math.max(dPoint * dPoint / Math.max(pointVariance, minVariance),
                dAverage * dAverage / Math.max(averageVariance, minVariance));
        double z = samples < 30 ? 0 : Math.sqrt(zSquared);
        samples++;
        count += steps;
        double alpha = Math.max(steps / count, lastLongAlpha);
        double d = x - pointMean;
        pointMean += alpha * d;
        pointVariance = (1 - alpha) * (pointVariance + alpha * d * d);
        d = shortMean - averageMean;
        averageMean += alpha * d;
        averageVariance = (1 - alpha) * (averageVariance + alpha * d * d);
        return z;
    }

    /** The score of a z: its Gaussian upper-tail improbability in decades over {@code decades}, capped at 1. */
    static double scoreOf(double z, double decades) {
        return z <= 0 ? 0 : Math.min(1.0, -GaussianTail.log10UpperTail(z) / decades);
    }

    double decades() {
        return decades;
    }

    static int stateBytes() {
        return 16 + 4 * 8 + 6 * 8 + 4 * 8;
    }
}
