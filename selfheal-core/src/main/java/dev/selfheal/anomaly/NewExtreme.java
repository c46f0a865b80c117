package dev.selfheal.anomaly;

/**
 * Pattern: a value beyond anything the series has shown, by much more than its records usually
 * exceed each other ("the lowest temperature this machine has ever reported, and not by a hair").
 *
 * <p>The signal keeps the all-time high and low seen so far (streaming: the extremes of the
 * points already seen, never the series' own min or max) and, whenever a point breaks one of
 * them, the gap by which it does, as a fraction of the range so far. A series breaks its records
 * in its own way: a growing counter by small steps every day, pure noise by a few hundredths of
 * its range ever more rarely, a bursty metric by leaps. So the gap is compared with the typical
 * gap of this series' recent records (an average over about its last five record breaks,
 * {@link #GAP_ALPHA}); a record that goes {@link #RATIO_AT_FULL_SCORE} times further than usual
 * scores 1, the score is linear below that and speaks directly in the detectors' units (it
 * needs no calibration: most points break no record and score 0, a zero-inflated surprise that
 * the log-space Gaussian of {@link TailCalibrator} would fit badly).
 *
 * <p>The typical gap is what keeps noise quiet: Gaussian noise breaks its record by a fifth of its
 * range in about one series in ten, so a fixed fraction of the range low enough to catch a real
 * new extreme would fire on noise; measured against the series' own record gaps, noise's small
 * records stay small. A short gap memory follows the last few records rather than the huge gaps
 * of a series' first records.
 */
final class NewExtreme implements Signal {

    /** Gap, in units of this series' typical record gap, that scores 1 (the firing level 0.68 at 5.4×). */
    static final double RATIO_AT_FULL_SCORE = 8;
    /** Weight of the newest record gap in the typical gap: about the last five record breaks. */
    static final double GAP_ALPHA = 0.2;
    /** Points before the first opinion: the range of the first few points means nothing yet. */
    static final int MIN_POINTS = 30;

    private double high = Double.NaN;
    private double low = Double.NaN;
    private double typicalGap = Double.NaN;
    private long records;
    private long seen;

    @Override
    public double observe(long epochSecond, double value) {
        seen++;
        if (Double.isNaN(high)) {
            high = value;
            low = value;
            return 0;
        }
        double range = high - low;
        double excess = Math.max(value - high, low - value);
        double score = 0;
        if (excess > 0 && range > 0) {
            double gap = excess / range;
            if (records > 0 && seen > MIN_POINTS) {
                score = Math.min(1.0, gap / typicalGap / RATIO_AT_FULL_SCORE);
            }
            records++;
            double a = Math.max(GAP_ALPHA, 1.0 / records);
            typicalGap = records == 1 ? gap : typicalGap + a * (gap - typicalGap);
        }
        high = Math.max(high, value);
        low = Math.min(low, value);
        return score;
    }

    @Override
    public boolean isProbability() {
        return true;
    }

    @Override
    public int stateBytes() {
        return 16 + 5 * 8;
    }
}
