package dev.selfheal.prediction;

import java.util.Optional;

/**
 * A straight line through the recent readings, fitted by Theil-Sen so that spikes and dropouts
 * do not tilt it. The forecaster for steady leaks and fills.
 *
 * <h2>A change restarts the line</h2>
 * A line over the whole window lags a leak that started a few minutes ago: most of its points
 * are from before the change, and the median slope is theirs. So the line is checked where it
 * matters, at its end: when the readings of the last third of its span sit on one side of it
 * by more than {@value #BIAS_Z} standard errors of their median, something changed there, and the line is
 * fitted again over half the span, down to {@link #SHORTEST} of it. A staircase of small steps
 * stays on its line (each step's readings straddle it), so it is still read as the trend it is;
 * and a single step is no trend at all: when the level stepped once or twice in the window
 * ({@link #lastLoneStep}), the line starts after the last step.
 */
public final class RobustTrend implements Forecaster {

    /** How far the end of the line may stray before it is taken as a change: standard errors of the mean residual. */
    static final double BIAS_Z = 4;
    /** The shortest window a change restarts the line to, as a share of the recent window. */
    static final double SHORTEST = 0.25;
    /** A level step stands out of the readings' noise by this many standard deviations (as a sawtooth's drop must). */
    static final double STEP_Z = 8;
    /** Points a restarted line needs. */
    private static final int MIN_POINTS = 18;

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        Series s = seen.recent();
        if (s.size() < 5 || s.span() <= 0) {
            return Optional.empty();
        }
        Series basis = sinceLastChange(s);
        TheilSen line = TheilSen.fit(basis);
        long trendSpan = basis.span();
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                return line.at(millis);
            }

            @Override
            public double spread(long millis) {
                return line.spreadAt(millis);
            }

            @Override
            public long basis() {
                return trendSpan;
            }
        });
    }

    /** The longest suffix of {@code s} (after a lone step) whose line still fits its end, down to {@link #SHORTEST} of it. */
    static Series sinceLastChange(Series s) {
        double noise = readingNoise(s);
        int step = lastLoneStep(s, noise);
        if (step > 0 && s.size() - step >= MIN_POINTS && s.time(s.size() - 1) > s.time(step)) {
            s = s.slice(step, s.size());
        }
        TheilSen line = TheilSen.fit(s);
        if (!(noise > 0)) {
            noise = line.sigma();
        }
        long span = s.span();
        for (long window = span / 2; window >= Math.round(span * SHORTEST); window /= 2) {
            if (!strays(line, s, noise)) {
                return s;
            }
            Series shorter = s.from(s.lastTime() - window);
            if (shorter.size() < MIN_POINTS || shorter.span() <= 0) {
                return s;
            }
            s = shorter;
            line = TheilSen.fit(s);
        }
        return s;
    }

    /** Whether the last third of {@code s} sits off {@code line} by more than the readings' noise allows. */
    static boolean strays(TheilSen line, Series s, double noise) {
        Series end = s.from(s.lastTime() - s.span() / 3);
        int m = end.size();
        if (m < 3 || !(noise > 0)) {
            return false;
        }
        double[] residuals = new double[m];
        for (int i = 0; i < m; i++) {
            residuals[i] = end.value(i) - line.at(end.time(i));
        }
        // the median residual, so that a spike or a dropout does not pass for a change; its standard error is 1.25 sigma / sqrt(m)
        return Math.abs(Stats.median(residuals)) > BIAS_Z * 1.2533 * noise / Math.sqrt(m);
    }

    /**
     * Where the level last stepped, when it stepped once or twice in the window: the mean of three
     * readings differs from the mean of the three before by more than {@value #STEP_Z} noise
     * standard deviations. Three steps or more are a staircase (a leak that grows in lumps) or a
     * sawtooth, and are left to the line and the sawtooth forecaster; -1 when there is no lone step.
     */
    static int lastLoneStep(Series s, double noise) {
        int steps = 0;
        int last = -1;
        double threshold = STEP_Z * noise * Math.sqrt(2.0 / 3);
        for (int i = 3; i + 3 <= s.size(); i++) {
            double before = (s.value(i - 3) + s.value(i - 2) + s.value(i - 1)) / 3;
            double after = (s.value(i) + s.value(i + 1) + s.value(i + 2)) / 3;
            if (Math.abs(after - before) > threshold) {
                steps++;
                last = i;
                i += 3;
            }
        }
        return steps >= 1 && steps <= 2 ? last : -1;
    }

    /**
     * The noise of single readings, from the differences between neighbours (robustly, so steps
     * do not count): not from the line's residuals, which a change inflates until it hides itself.
     */
    static double readingNoise(Series s) {
        double[] diffs = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            diffs[i - 1] = s.value(i) - s.value(i - 1);
        }
        double robust = Stats.robustSigma(diffs);
        if (robust > 0 || diffs.length < 2) {
            return robust / Math.sqrt(2);
        }
        // most neighbours differ by exactly the same amount (a counter, a noiseless fill): the plain deviation, then
        double mean = 0;
        for (double d : diffs) {
            mean += d / diffs.length;
        }
        double squares = 0;
        for (double d : diffs) {
            squares += (d - mean) * (d - mean);
        }
        return Math.sqrt(squares / (diffs.length - 1)) / Math.sqrt(2);
    }
}
