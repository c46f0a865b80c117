package dev.selfheal.prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A series that climbs and drops again and again: a heap between collections, a log directory
 * between rotations. The climbs are released by design and are not a leak; what matters is the
 * floor each drop comes back to. The floor is a Theil-Sen line through the values just after
 * the drops ({@link Trajectory#surviving}); the expected reading adds the typical climb at the
 * current phase of the cycle, so held-out points score the whole shape.
 *
 * <p>A drop is a fall between two readings of more than a quarter of the window's range and
 * more than eight times the noise of the steps; three drops are needed before the forecaster
 * applies.
 */
public final class Sawtooth implements Forecaster {

    private static final double DROP_SHARE = 0.25;
    private static final int MIN_DROPS = 3;
    /** A drop must also stand out of the step-to-step noise by this many standard deviations. */
    private static final double NOISE_STEPS = 8;

    @Override
    public String name() {
        return "sawtooth";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        Series s = seen.recent();
        if (s.size() < 10) {
            return Optional.empty();
        }
        double[] values = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            values[i] = s.value(i);
        }
        double range = Stats.quantile(values, 0.98) - Stats.quantile(values, 0.02);
        if (range <= 0) {
            return Optional.empty();
        }
        double[] steps = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            steps[i - 1] = s.value(i) - s.value(i - 1);
        }
        double minDrop = Math.max(DROP_SHARE * range, NOISE_STEPS * Stats.robustSigma(steps));
        List<Integer> drops = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            if (s.value(i - 1) - s.value(i) > minDrop) {
                drops.add(i);
            }
        }
        if (drops.size() < MIN_DROPS) {
            return Optional.empty();
        }
        long[] troughTimes = new long[drops.size()];
        double[] troughs = new double[drops.size()];
        double[] rises = new double[drops.size() - 1];
        double[] periods = new double[drops.size() - 1];
        for (int k = 0; k < drops.size(); k++) {
            troughTimes[k] = s.time(drops.get(k));
            troughs[k] = s.value(drops.get(k));
            if (k > 0) {
                rises[k - 1] = s.value(drops.get(k) - 1) - troughs[k - 1];
                periods[k - 1] = troughTimes[k] - troughTimes[k - 1];
            }
        }
        Series floorPoints = Series.of(troughTimes, troughs);
        if (floorPoints.span() <= 0) {
            return Optional.empty();
        }
        TheilSen floor = TheilSen.fit(floorPoints);
        double rise = Math.max(0, Stats.median(rises));
        double period = Math.max(1, Stats.median(periods));
        long lastDrop = troughTimes[troughTimes.length - 1];
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                double phase = Math.floorMod(millis - lastDrop, (long) period) / period;
                return floor.at(millis) + rise * phase;
            }

            @Override
            public double surviving(long millis) {
                return floor.at(millis);
            }

            @Override
            public double spread(long millis) {
                return floor.spreadAt(millis);
            }

            @Override
            public long basis() {
                return floorPoints.span();
            }
        });
    }
}
