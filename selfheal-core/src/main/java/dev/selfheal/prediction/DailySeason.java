package dev.selfheal.prediction;

import java.util.Optional;

/**
 * A trend plus a daily profile, over the long history: for resources that rise in the day and
 * fall at night (a cache, a queue, traffic-driven memory). A straight line through the morning
 * would call the daily rise a leak; this one expects the evening's fall. Days are counted in
 * UTC slots of half an hour; the fit needs two days of history, and the profile is the median
 * of each slot's residuals from the Theil-Sen trend.
 */
public final class DailySeason implements Forecaster {

    static final long DAY = 86_400_000L;
    private static final int SLOTS = 48;
    private static final long SLOT = DAY / SLOTS;

    @Override
    public String name() {
        return "seasonal";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        Series h = seen.history();
        if (h.size() < SLOTS * 2 || h.span() < 2 * DAY - SLOT) {
            return Optional.empty();
        }
        TheilSen trend = TheilSen.fit(h.thinnedTo(96));
        double[][] bySlot = new double[SLOTS][];
        int[] counts = new int[SLOTS];
        for (int i = 0; i < h.size(); i++) {
            counts[slot(h.time(i))]++;
        }
        for (int k = 0; k < SLOTS; k++) {
            bySlot[k] = new double[counts[k]];
            counts[k] = 0;
        }
        for (int i = 0; i < h.size(); i++) {
            int k = slot(h.time(i));
            bySlot[k][counts[k]++] = h.value(i) - trend.at(h.time(i));
        }
        double[] profile = new double[SLOTS];
        for (int k = 0; k < SLOTS; k++) {
            profile[k] = bySlot[k].length == 0 ? 0 : Stats.median(bySlot[k]);
        }
        double[] residuals = new double[h.size()];
        for (int i = 0; i < h.size(); i++) {
            residuals[i] = h.value(i) - trend.at(h.time(i)) - profile[slot(h.time(i))];
        }
        double sigma = Stats.robustSigma(residuals);
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                return trend.at(millis) + profile[slot(millis)];
            }

            @Override
            public double spread(long millis) {
                double drift = trend.slopeSe() * (millis - trend.center());
                return Math.sqrt(sigma * sigma + drift * drift);
            }
        });
    }

    private static int slot(long millis) {
        return (int) (Math.floorMod(millis, DAY) / SLOT);
    }
}
