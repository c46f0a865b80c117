package dev.selfheal.prediction;

import java.util.Optional;

/**
 * A quota that is used up within a window and resets at a known time (a rate limit's
 * {@code X-RateLimit-Reset}). It runs out only if the use so far plus the current rate until
 * the reset reaches the limit; after the reset the use starts again from zero at the same rate
 * (a quota drained faster than it refills runs out in the next window too). The rate is the
 * Theil-Sen slope of the readings since the last reset, or since the rate last changed within
 * the window ({@link RobustTrend#sinceLastChange}); the window's length is the time
 * between the last two resets seen, unknown (open-ended) before two were seen.
 */
public final class QuotaWindow implements Forecaster {

    @Override
    public String name() {
        return "quota";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        if (seen.resetAt().isEmpty()) {
            return Optional.empty();
        }
        long reset = seen.resetAt().getAsLong();
        Series s = seen.recent();
        if (s.size() < 3) {
            return Optional.empty();
        }
        int start = 0;
        int previousStart = -1;
        for (int i = 1; i < s.size(); i++) {
            if (s.value(i) < s.value(i - 1) * 0.5 && s.value(i - 1) - s.value(i) > 0) {
                previousStart = start;
                start = i;
            }
        }
        Series window = s.slice(start, s.size());
        if (window.size() < 3 || window.span() <= 0) {
            return Optional.empty();
        }
        // the rate of now: a caller throttled ten minutes ago spends at its new rate, not the window's median one
        TheilSen rate = TheilSen.fit(RobustTrend.sinceLastChange(window));
        double slope = Math.max(0, rate.slope());
        long windowLength = previousStart >= 0 ? s.time(start) - s.time(previousStart) : Long.MAX_VALUE;
        long now = s.lastTime();
        double level = Math.max(s.lastValue(), rate.at(now));
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                if (millis < reset) {
                    return level + slope * (millis - now);
                }
                long since = millis - reset;
                if (windowLength != Long.MAX_VALUE) {
                    since = since % windowLength;
                }
                return slope * since;
            }

            @Override
            public double spread(long millis) {
                long since = millis < reset ? millis - now : millis - reset;
                double drift = rate.slopeSe() * since;
                return Math.sqrt(rate.sigma() * rate.sigma() + drift * drift);
            }

            @Override
            public long basis() {
                // the rate is this window's; a reset the window has not yet reached is still ahead of it
                return window.span();
            }
        });
    }
}
