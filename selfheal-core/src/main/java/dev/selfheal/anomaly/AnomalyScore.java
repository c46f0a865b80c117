package dev.selfheal.anomaly;

/**
 * How anomalous a point is ({@code score}, 0 to 1) and how much the detector trusts its own
 * judgement ({@code confidence}, 0 to 1: low while it is still learning the series).
 */
public record AnomalyScore(double score, double confidence) {

    /** Nothing to report: a point seen while learning, or a non-finite value that was skipped. */
    public static final AnomalyScore NONE = new AnomalyScore(0, 0);

    public AnomalyScore {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
    }

    /** True when the score reaches {@code threshold} and the detector is at least {@code minConfidence} sure. */
    public boolean isAnomalous(double threshold, double minConfidence) {
        return score >= threshold && confidence >= minConfidence;
    }
}
