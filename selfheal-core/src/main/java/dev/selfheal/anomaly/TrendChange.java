package dev.selfheal.anomaly;

/**
 * Pattern: a change of trend. The recent slope (a fast average of the point-to-point change)
 * is compared with the long-run slope, in units of the typical point-to-point change scaled to
 * what a fast average of pure noise would show. A series that starts climbing or falling where
 * it used to be flat, or stops rising, stands out; a steady trend does not.
 */
final class TrendChange implements Signal {

    private static final double FAST = 0.05;

    private final EwmaLevel slowSlope = new EwmaLevel(0.002);
    private double fastSlope;
    private double previous = Double.NaN;

    @Override
    public double observe(long epochSecond, double value) {
        if (Double.isNaN(previous)) {
            previous = value;
            return Double.NaN;
        }
        double delta = value - previous;
        previous = value;
        fastSlope += FAST * (delta - fastSlope);
        if (slowSlope.count() < 20) {
            slowSlope.learn(delta);
            return Double.NaN;
        }
        double noiseOfFastAverage = slowSlope.safeDeviation() * Math.sqrt(FAST / (2 - FAST));
        double z = Math.abs(fastSlope - slowSlope.mean()) / noiseOfFastAverage;
        slowSlope.learn(delta);
        return z;
    }

    @Override
    public int stateBytes() {
        return 16 + 2 * 8 + 8 + EwmaLevel.stateBytes();
    }
}
