package dev.selfheal.anomaly;

/**
 * Statistical baseline: how many typical deviations the point lies from the series' recent
 * level, at one time scale. A fast scale (tens of points) catches spikes and drops against the
 * local level; a slow scale (hundreds of points) catches values the series has not taken for
 * a long time. The point is scored before it is learnt. The spread is floored by a fifth of a
 * slow spread, so a series that sat still for a while and then moves as it always has is not
 * taken for a thousand-sigma event.
 */
final class PointDeviation implements Signal {

    private final EwmaLevel level;
    private final EwmaLevel longRun = new EwmaLevel(0.001);

    PointDeviation(double alpha) {
        this.level = new EwmaLevel(alpha);
    }

    @Override
    public double observe(long epochSecond, double value) {
        return observe(epochSecond, value, 1.0);
    }

    @Override
    public double observe(long epochSecond, double value, double steps) {
        double spread = Math.max(level.safeDeviation(), 0.2 * longRun.deviation());
        double z = level.count() < 5 ? Double.NaN : Math.abs(value - level.mean()) / spread;
        level.learn(value, steps);
        longRun.learn(value, steps);
        return z;
    }

    @Override
    public int stateBytes() {
        return 16 + 2 * 8 + 2 * EwmaLevel.stateBytes();
    }
}
