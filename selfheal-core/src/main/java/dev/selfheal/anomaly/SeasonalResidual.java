package dev.selfheal.anomaly;

import java.time.ZoneId;

/**
 * Pattern: a value that is wrong for its time of day (and for a weekday versus a weekend day).
 *
 * <p>Operational metrics follow the clock: traffic, CPU and latency have a daily shape and a
 * weekend shape. The signal says how far the point is from its half hour's usual level, in that
 * half hour's usual spread ({@link SeasonalProfile}); it has no opinion until the half hour has
 * been seen on a few days. Days and weekends are those of the series' time zone: the people
 * behind the traffic keep local time, and a weekend counted in UTC starts on Friday afternoon
 * in California.
 */
final class SeasonalResidual implements Signal {

    private final SeasonalProfile profile;
    private double lastRawResidual = Double.NaN;
    private long lastSecond = Long.MIN_VALUE;

    /** @param zone the time zone whose days and weekends the series follows */
    SeasonalResidual(ZoneId zone, double fullTrustRatio) {
        this.profile = new SeasonalProfile(0.1, zone);
        this.fullTrustRatio = fullTrustRatio;
    }

    @Override
    public double observe(long epochSecond, double value) {
        return observe(epochSecond, value, 1.0);
    }

    @Override
    public double observe(long epochSecond, double value, double steps) {
        double residual = profile.residual(epochSecond, value, steps);
        lastRawResidual = profile.rawResidual(value, SeasonalDrift.MIN_VISITS);
        lastSecond = epochSecond;
        profile.learn(value, steps);
        return Math.abs(residual);
    }

    /**
     * The error ratio ({@link SeasonalProfile#errorRatio()}) up to which the profile's opinion
     * counts in full: the default detector trusts a daily profile only while it predicts at least
     * as well as a flat level does (1.0); {@code fitted} uses 1.25.
     */
    private final double fullTrustRatio;

    /**
     * How much the seasonal opinion may exceed the plain deviation: 1 while the profile's typical
     * error is at most {@code fullTrustRatio} times a flat level's, falling as the square of the error ratio beyond
     * it (a series whose bursts come at random hours: its half-hour levels
     * are polluted by past bursts, and a quiet half hour's narrow spread turns every new burst
     * into a "wrong for the time of day" surprise). The square cuts a polluted profile's
     * opinion quickly while a profile only a little worse than a flat level keeps most of it.
     */
    double trust() {
        double q = profile.errorRatio() / fullTrustRatio;
        return q <= 1 ? 1.0 : 1.0 / (q * q);
    }

    /**
     * The last point's distance from its half hour's level (before learning it), in the series'
     * units, once the half hour has been seen {@link SeasonalDrift#MIN_VISITS} times; NaN before.
     * Shared with {@link SeasonalDrift} so the daily profile is kept once.
     *
     * @throws IllegalStateException when the last point observed is not the one at {@code epochSecond}
     *                               (the drift must be observed after the residual, point by point)
     */
    double lastRawResidual(long epochSecond) {
        if (epochSecond != lastSecond) {
            throw new IllegalStateException("SeasonalDrift must be observed after its SeasonalResidual, at the same point");
        }
        return lastRawResidual;
    }

    @Override
    public int stateBytes() {
        return 16 + 8 + 3 * 8 + SeasonalProfile.stateBytes();
    }
}
