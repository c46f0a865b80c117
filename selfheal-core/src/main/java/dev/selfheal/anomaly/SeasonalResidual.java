package dev.selfheal.anomaly;

/**
 * Pattern: a value that is wrong for its time of day (and for a weekday versus a weekend day).
 *
 * <p>Operational metrics follow the clock: traffic, CPU and latency have a daily shape and a
 * weekend shape. The signal says how far the point is from its half hour's usual level, in that
 * half hour's usual spread ({@link SeasonalProfile}); it has no opinion until the half hour has
 * been seen on a few days.
 */
final class SeasonalResidual implements Signal {

    private final SeasonalProfile profile = new SeasonalProfile(0.1);
    private double lastRawResidual = Double.NaN;

    @Override
    public double observe(long epochSecond, double value) {
        double residual = profile.residual(epochSecond, value);
        lastRawResidual = profile.rawResidual(value, SeasonalDrift.WARM_VISITS);
        profile.learn(value);
        return Math.abs(residual);
    }

    /**
     * The last point's distance from its half hour's level (before learning it), in the series'
     * units, once the half hour has been seen {@link SeasonalDrift#WARM_VISITS} times; NaN before.
     * Shared with {@link SeasonalDrift} so the daily profile is kept once.
     */
    double lastRawResidual() {
        return lastRawResidual;
    }

    @Override
    public int stateBytes() {
        return 16 + 2 * 8 + SeasonalProfile.stateBytes();
    }
}
