package dev.selfheal.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Picks the forecaster for one resource by how well each would have predicted the latest
 * readings: every candidate is fitted on what was seen before a cut and scored by its mean
 * absolute error after it. The cut holds out the last quarter of the recent window, or the
 * whole horizon when the history is long enough (twice the horizon): a forecaster is chosen
 * for how well it predicts as far ahead as the decision looks, and a straight line that
 * extrapolates a quarter of an hour well may still miss a daily turn twelve hours out; the best is fitted again on
 * everything and its crossing read off. A later candidate must beat the best so far by a tenth
 * to replace it, so that the simpler forecasters (listed first) win near-ties rather than a
 * flexible one fitting noise.
 *
 * <p>A resource with a known reset (a quota) is forecast by {@link QuotaWindow} alone: the reset
 * is a fact, not a shape to be guessed.
 */
public final class ForecastSelector {

    private static final double HOLD_OUT_SHARE = 0.25;
    private static final double MARGIN = 0.9;
    /** The latest readings checked against the trajectory: a minute at the default interval. */
    private static final int LATEST = 6;
    /** How far below the trajectory (its spreads) the latest readings may sit before it is not trusted. */
    static final double BELOW_SPREADS = 3;

    private final List<Forecaster> candidates;
    private final Forecaster quota = new QuotaWindow();

    public ForecastSelector(List<Forecaster> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("forecast selector: at least one forecaster is needed");
        }
        this.candidates = List.copyOf(candidates);
    }

    /** Linear (Theil-Sen), curved (a significant upward bend), Holt, sawtooth and daily season, in that order of preference. */
    public static ForecastSelector standard() {
        return new ForecastSelector(List.of(new RobustTrend(), new CurvedTrend(), new HoltTrend(), new Sawtooth(), new DailySeason()));
    }

    /** The forecaster chosen for a resource and its held-out error (as a share of the limit; NaN when none was measured). */
    public record Choice(Forecaster forecaster, double heldOutError) { }

    /** Chooses and forecasts in one go. */
    public Forecast forecast(Observations seen, double limit, Instant now, Duration horizon, Duration span) {
        return forecast(choose(seen, limit, horizon), seen, limit, now, horizon, span);
    }

    /**
     * The forecaster that predicts this resource best on held-out points. A choice may be kept
     * for a few cycles (the predictor re-chooses every minute): choosing fits every candidate,
     * forecasting only the chosen one.
     */
    public Choice choose(Observations seen, double limit, Duration horizon) {
        checkLimit(limit);
        if (seen.resetAt().isPresent()) {
            return new Choice(quota, Double.NaN);
        }
        Forecaster best = null;
        double bestError = Double.POSITIVE_INFINITY;
        Series recent = seen.recent();
        if (recent.size() >= 8) {
            long holdOut = Math.round(recent.span() * HOLD_OUT_SHARE);
            if (seen.history().span() >= 2 * horizon.toMillis()) {
                holdOut = Math.max(holdOut, horizon.toMillis());
            }
            long cut = recent.lastTime() - holdOut;
            Observations prefix = prefix(seen, cut);
            Series held = held(seen, cut);
            for (Forecaster f : candidates) {
                double error = heldOutError(f, prefix, held);
                if (best == null ? Double.isFinite(error) : error < bestError * MARGIN) {
                    best = f;
                    bestError = error;
                }
            }
        }
        if (best == null) {
            return new Choice(candidates.getFirst(), Double.NaN);
        }
        return new Choice(best, bestError / limit);
    }

    /** The forecast of {@code choice}'s forecaster fitted on everything seen; unknown when it does not apply. */
    public Forecast forecast(Choice choice, Observations seen, double limit, Instant now, Duration horizon, Duration span) {
        checkLimit(limit);
        double level = seen.recent().isEmpty() ? 0 : seen.recent().lastValue();
        Optional<Trajectory> path;
        try {
            path = choice.forecaster().fit(seen);
        } catch (IllegalArgumentException tooLittle) {
            path = Optional.empty();
        }
        if (path.isEmpty()) {
            return Forecast.unknown(now, level, limit);
        }
        Forecast made = Exhaustion.of(choice.forecaster().name(), path.get(), limit, now, horizon, span)
                .withHeldOutError(choice.heldOutError());
        return fallenBelow(path.get(), seen.recent()) ? made.withConfidence(0) : made;
    }

    /**
     * Whether the latest minute of readings sits below what the trajectory says survives there
     * by more than {@value #BELOW_SPREADS} of its spreads: the resource has turned (a batch
     * stopped filling its queue and it drains) and the fit has not seen it yet, a robust line
     * least of all, since it takes the first readings of a turn for outliers. Such a forecast
     * is not trusted until the fit catches up.
     */
    static boolean fallenBelow(Trajectory path, Series recent) {
        int m = Math.min(LATEST, recent.size());
        if (m < LATEST) {
            return false;
        }
        double[] residuals = new double[m];
        for (int i = 0; i < m; i++) {
            int k = recent.size() - m + i;
            residuals[i] = recent.value(k) - path.surviving(recent.time(k));
        }
        double spread = path.spread(recent.lastTime());
        return spread > 0 && Stats.median(residuals) < -BELOW_SPREADS * spread;
    }

    private static void checkLimit(double limit) {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("forecast: limit must be a positive number, got " + limit);
        }
    }

    /**
     * What was seen before {@code cut}. When the held-out part is longer than most of the recent
     * window, the history's points over the recent window's length stand in for the recent ones.
     */
    private static Observations prefix(Observations seen, long cut) {
        Observations before = seen.before(cut);
        if (before.recent().size() >= 8) {
            return before;
        }
        Series tail = before.history().from(cut - seen.recent().span());
        return new Observations(tail, before.history(), seen.resetAt());
    }

    /** The held-out points: the history's before the recent window starts, then the recent ones. */
    private static Series held(Observations seen, long cut) {
        Series recent = seen.recent().from(cut);
        Series older = seen.history().from(cut).before(seen.recent().firstTime());
        if (older.isEmpty()) {
            return recent;
        }
        long[] t = new long[older.size() + recent.size()];
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            boolean old = i < older.size();
            t[i] = old ? older.time(i) : recent.time(i - older.size());
            v[i] = old ? older.value(i) : recent.value(i - older.size());
        }
        return Series.of(t, v);
    }

    private static double heldOutError(Forecaster f, Observations prefix, Series held) {
        Optional<Trajectory> path;
        try {
            path = f.fit(prefix);
        } catch (IllegalArgumentException tooLittle) {
            return Double.POSITIVE_INFINITY;
        }
        if (path.isEmpty() || held.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (int i = 0; i < held.size(); i++) {
            sum += Math.abs(path.get().expected(held.time(i)) - held.value(i));
        }
        return sum / held.size();
    }
}
