package dev.selfheal.anomaly;

/**
 * Turns a signal's raw surprise into a score in [0, 1] that means the same on every series:
 * how improbable the recent surprise is, given the surprise this series usually shows.
 *
 * <p>This is the idea behind HTM's "anomaly likelihood": a raw surprise is not comparable across
 * series (a noisy series is always a little surprising), but its own distribution is learnable.
 * The calibrator keeps a short average of the raw surprise (so a sustained change counts more
 * than one odd point, yet one extreme point still shows) and a long-run mean and variance of
 * that short average. The score is the Gaussian upper-tail probability of the current short
 * average, mapped to decades: {@code −log10(P) / decades}, capped at 1. So 0.5 means "about a
 * 1-in-10^5 event for this series" with the default ten decades, and a scorer's threshold
 * separates on a scale where rare still looks different from very rare.
 *
 * <p>Raw surprises are heavy-tailed (a z-score of 600 after a quiet stretch is common), so the
 * calibrator works on {@code log(1 + raw)}: a Gaussian fit of that is much closer to the truth,
 * and a surprise that recurs (a step every day) widens the learnt spread until it stops
 * looking rare, which is what "normal for this series" means. All state is five numbers.
 */
final class TailCalibrator {

    private final double shortAlpha;
    private final double longAlpha;
    private final double decades;
    private final double minDeviation;

    private double shortMean;
    private double mean;
    private double variance;
    private long count;

    TailCalibrator(double shortAlpha, double longAlpha, double decades, double minDeviation) {
        this.shortAlpha = shortAlpha;
        this.longAlpha = longAlpha;
        this.decades = decades;
        this.minDeviation = minDeviation;
    }

    static TailCalibrator standard() {
        return new TailCalibrator(0.4, 1.0 / 1000, 10, 0.05);
    }

    /** Scores a raw surprise (before learning it). 0 until a few surprises have been seen. */
    double score(double raw) {
        double x = Math.log1p(raw);
        shortMean = count == 0 ? x : shortMean + shortAlpha * (x - shortMean);
        double deviation = Math.max(Math.sqrt(variance), minDeviation);
        double z = (shortMean - mean) / deviation;
        double score = count < 30 || z <= 0 ? 0 : Math.min(1.0, -GaussianTail.log10UpperTail(z) / decades);
        learn(shortMean);
        return score;
    }

    private void learn(double x) {
        count++;
        double alpha = Math.max(1.0 / count, longAlpha);
        double delta = x - mean;
        mean += alpha * delta;
        variance = (1 - alpha) * (variance + alpha * delta * delta);
    }

    static int stateBytes() {
        return 5 * 8 + 4 * 8;
    }
}
