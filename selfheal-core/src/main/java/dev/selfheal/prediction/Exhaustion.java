package dev.selfheal.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads the crossing of a limit off a trajectory: a scan forward from now over a span (a few
 * horizons), each crossing then refined by bisection. The scan, not a formula, so that a
 * season that peaks below the limit, a sawtooth's floor or a quota that resets in between are
 * read the same way as a straight line.
 *
 * <p>The confidence is the largest probability, over the horizon, that the surviving value is
 * at or above the limit, with the trajectory's spread as a normal standard deviation: a lower
 * bound of the chance that the limit is reached within the horizon. It is judged no further
 * ahead than the trajectory's {@linkplain Trajectory#basis basis} times {@value #REACH}: a trend
 * seen for ten minutes says little about the half hour after them (a batch that fills a queue
 * for a quarter of an hour climbs like a leak until it stops).
 */
public final class Exhaustion {

    /** The band's edges: 1.64 standard deviations, a 90 % two-sided band. */
    static final double BAND_Z = 1.645;
    /** How far ahead a trend is trusted, as a share of how long it has been seen. */
    static final double REACH = 1.0;
    private static final int SCAN_STEPS = 240;
    private static final int BISECTIONS = 24;

    private Exhaustion() {
    }

    /**
     * @param horizon the time within which confidence is judged
     * @param span    how far to look for the crossing (at least the horizon)
     */
    public static Forecast of(String method, Trajectory path, double limit, Instant now, Duration horizon, Duration span) {
        long start = now.toEpochMilli();
        long end = start + Math.max(span.toMillis(), horizon.toMillis());
        long basis = path.basis();
        long reach = basis == Long.MAX_VALUE ? horizon.toMillis() : Math.min(horizon.toMillis(), Math.round(basis * REACH));
        long horizonEnd = start + reach;
        long step = Math.max(1, (end - start) / SCAN_STEPS);
        double confidence = 0;
        for (long t = start; t <= horizonEnd; t += step) {
            confidence = Math.max(confidence, probabilityAtOrAbove(path, limit, t));
        }
        confidence = Math.max(confidence, probabilityAtOrAbove(path, limit, horizonEnd));
        return new Forecast(method, now, path.surviving(start), limit,
                crossing(path, limit, 0, start, end, step),
                crossing(path, limit, BAND_Z, start, end, step),
                crossing(path, limit, -BAND_Z, start, end, step),
                confidence, Double.NaN);
    }

    private static double probabilityAtOrAbove(Trajectory path, double limit, long t) {
        double sd = path.spread(t);
        double gap = path.surviving(t) - limit;
        if (!(sd > 0)) {
            return gap >= 0 ? 1 : 0;
        }
        return Stats.normalCdf(gap / sd);
    }

    /** The first time the surviving value plus {@code z} spreads reaches the limit. */
    private static Optional<Instant> crossing(Trajectory path, double limit, double z, long start, long end, long step) {
        long previous = start;
        if (edge(path, z, start) >= limit) {
            return Optional.of(Instant.ofEpochMilli(start));
        }
        for (long t = start + step; t <= end + step - 1; t += step) {
            long at = Math.min(t, end);
            if (edge(path, z, at) >= limit) {
                long lo = previous;
                long hi = at;
                for (int i = 0; i < BISECTIONS && hi - lo > 1; i++) {
                    long mid = lo + (hi - lo) / 2;
                    if (edge(path, z, mid) >= limit) {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                return Optional.of(Instant.ofEpochMilli(hi));
            }
            previous = at;
            if (at == end) {
                break;
            }
        }
        return Optional.empty();
    }

    private static double edge(Trajectory path, double z, long t) {
        return path.surviving(t) + z * path.spread(t);
    }
}
