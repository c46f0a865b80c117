package dev.selfheal.anomaly;

/**
 * Pattern: a level shift, found by a two-sided CUSUM of the standardised residual against a
 * slow level. A sustained move of even one deviation accumulates, while noise around the level
 * is absorbed by the slack {@code k}. The sums are capped so that after a long shift the
 * detector forgets it as the slow level catches up, instead of staying excited forever.
 */
final class LevelShift implements Signal {

    private static final double SLACK = 0.5;
    private static final double CAP = 50;

    private final EwmaLevel slow = new EwmaLevel(0.005);
    private double up;
    private double down;

    @Override
    public double observe(long epochSecond, double value) {
        return observe(epochSecond, value, 1.0);
    }

    /** The sums grow by each point's excess times the steps it stands for: the same per hour at any interval. */
    @Override
    public double observe(long epochSecond, double value, double steps) {
        if (slow.count() < 10) {
            slow.learn(value, steps);
            return Double.NaN;
        }
        double u = (value - slow.mean()) / slow.safeDeviation();
        u = Math.max(-10, Math.min(10, u));
        up = Math.min(CAP, Math.max(0, up + (u - SLACK) * steps));
        down = Math.min(CAP, Math.max(0, down + (-u - SLACK) * steps));
        slow.learn(value, steps);
        return Math.max(up, down);
    }

    @Override
    public int stateBytes() {
        return 16 + 2 * 8 + 8 + EwmaLevel.stateBytes();
    }
}
