package dev.selfheal.prediction;

import java.util.Optional;

/**
 * A straight line through the recent readings, fitted by Theil-Sen so that spikes and dropouts
 * do not tilt it. The forecaster for steady leaks and fills.
 */
public final class RobustTrend implements Forecaster {

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
        TheilSen line = TheilSen.fit(s);
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                return line.at(millis);
            }

            @Override
            public double spread(long millis) {
                return line.spreadAt(millis);
            }
        });
    }
}
