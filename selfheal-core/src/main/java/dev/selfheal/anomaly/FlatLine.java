package dev.selfheal.anomaly;

/**
 * Pattern: a series that usually moves has stopped moving (a stuck sensor, a dead exporter
 * repeating its last value, a process that flat-lines at zero).
 *
 * <p>It keeps the rate at which consecutive values differ. If values change with rate c, a run
 * of r unchanged values has probability about (1 − c)^r; the score is that probability in
 * decades, {@code −r·log10(1 − c) / 10}, so it speaks in the same units as the calibrated
 * signals and needs no calibration. A series that is flat by nature (c near 0) never scores.
 * The rate is frozen while a run lasts, so the run does not explain itself away.
 *
 * <p>Only the part of a run beyond the longest run this series has already shown counts: many
 * real series repeat values in bursts (a quantised CPU figure that sits at 0.066 for a few
 * samples, a counter that updates every other scrape), so a run as long as ones seen before is
 * that series' habit, not a stuck sensor. The longest run is forgotten slowly (half-life about
 * 7,000 points), so a habit that stops is unlearnt.
 */
final class FlatLine implements Signal {

    private static final double RATE_ALPHA = 0.01;
    private static final double DECADES = 10;
    /** The longest run is forgotten by this fraction per point: a half-life of about 7,000 points. */
    private static final double FORGET_PER_POINT = 1e-4;

    private double changeRate;
    private double rateAtRunStart;
    private double previous = Double.NaN;
    private long run;
    private long seen;
    private double longestRun;

    @Override
    public double observe(long epochSecond, double value) {
        seen++;
        longestRun -= FORGET_PER_POINT * longestRun;
        if (Double.isNaN(previous)) {
            previous = value;
            return 0;
        }
        boolean unchanged = Math.abs(value - previous) <= 1e-12 * Math.max(1.0, Math.abs(previous));
        previous = value;
        if (unchanged) {
            if (run == 0) {
                rateAtRunStart = changeRate;
            }
            run++;
            changeRate += Math.max(RATE_ALPHA, 1.0 / seen) * (0 - changeRate);
            if (seen < 100) {
                return 0;
            }
            double decades = -Math.max(0, run - longestRun) * Math.log10(1 - Math.min(rateAtRunStart, 0.999999));
            return Math.min(1.0, decades / DECADES);
        }
        longestRun = Math.max(longestRun, run);
        run = 0;
        changeRate += Math.max(RATE_ALPHA, 1.0 / seen) * (1 - changeRate);
        return 0;
    }

    @Override
    public boolean isProbability() {
        return true;
    }

    @Override
    public int stateBytes() {
        return 16 + 6 * 8;
    }
}
