package dev.selfheal.anomaly;

/**
 * Statistical baseline: how many typical deviations the point lies from the series' recent
 * level, at one time scale. A fast scale (tens of points) catches spikes and drops against the
 * local level; a slow scale (hundreds of points) catches values the series has not taken for
 * a long time. The point is scored before it is learnt.
 */
final class PointDeviation implements Signal {

    private final EwmaLevel level;

    PointDeviation(double alpha) {
        this.level = new EwmaLevel(alpha);
    }

    @Override
    public double observe(long epochSecond, double value) {
        double z = level.count() < 5 ? Double.NaN : Math.abs(value - level.mean()) / level.safeDeviation();
        level.learn(value);
        return z;
    }

    @Override
    public int stateBytes() {
        return 16 + EwmaLevel.stateBytes();
    }
}
