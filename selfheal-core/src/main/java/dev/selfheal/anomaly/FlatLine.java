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
 * 7,000 five-minute steps, 24 days), so a habit that stops is unlearnt. Runs are counted in
 * {@link Steps} of time, not points.
 */
final class FlatLine implements Signal {

    private static final double RATE_ALPHA = 0.01;
    private static final double DECADES = 10;
    /** The longest run is forgotten by this fraction per five-minute step: a half-life of about 7,000 steps. */
    private static final double FORGET_PER_POINT = 1e-4;

    private double changeRate;
    private double rateAtRunStart;
    private double previous = Double.NaN;
    /** Steps of time ({@link Steps}) the value has not changed for. */
    private double run;
    private long seen;
    /** Five-minute steps completed, and the time and movement of the step being filled. */
    private long stepsSeen;
    private double stepWeight;
    private boolean stepMoved;
    private double longestRun;

    @Override
    public double observe(long epochSecond, double value) {
        return observe(epochSecond, value, 1.0);
    }

    /**
     * The run and the longest run are counted in {@link Steps} of time, and the change rate is the
     * share of five-minute steps in which the value moved: at five minutes and coarser a step is a
     * point; at finer intervals a step moves if any of its points does, so a series that changes
     * every few minutes has the same rate and the same run probabilities at any interval.
     */
    @Override
    public double observe(long epochSecond, double value, double steps) {
        seen++;
        longestRun -= Steps.alpha(FORGET_PER_POINT, steps) * longestRun;
        if (Double.isNaN(previous)) {
            previous = value;
            return 0;
        }
        boolean unchanged = Math.abs(value - previous) <= 1e-12 * Math.max(1.0, Math.abs(previous));
        previous = value;
        if (unchanged && run == 0) {
            rateAtRunStart = changeRate;
        }
        stepWeight += steps;
        stepMoved |= !unchanged;
        if (stepWeight >= 1 - 1e-9) {
            stepsSeen++;
            changeRate += Math.max(RATE_ALPHA, 1.0 / (stepsSeen + 1)) * ((stepMoved ? 1 : 0) - changeRate);
            stepWeight = 0;
            stepMoved = false;
        }
        if (unchanged) {
            run += steps;
            if (seen < 100) {
                return 0;
            }
            double decades = -Math.max(0, run - longestRun) * Math.log10(1 - Math.min(rateAtRunStart, 0.999999));
            return Math.min(1.0, decades / DECADES);
        }
        longestRun = Math.max(longestRun, run);
        run = 0;
        return 0;
    }

    @Override
    public boolean isProbability() {
        return true;
    }

    @Override
    public int stateBytes() {
        return 16 + 8 * 8 + 8;
    }
}
