package dev.selfheal.anomaly;

/**
 * Pattern: a value that is wrong for its time of day (and for a weekday versus a weekend day).
 *
 * <p>Operational metrics follow the clock: traffic, CPU and latency have a daily shape and a
 * weekend shape. The signal keeps a robust level and spread for each half hour of the day,
 * separately for weekdays and weekends (96 buckets, learnt from the points that fall in them),
 * and says how far the point is from its bucket's level. It stays silent until the bucket has
 * seen a few days, so a series shorter than that, or without timestamps that mean anything,
 * simply gets no opinion from it. The residual's scale is floored by a small share of the
 * series-wide spread, so a bucket that happened to be quiet does not turn a small wobble into
 * a large surprise.
 */
final class SeasonalResidual implements Signal {

    private static final int SLOTS_PER_DAY = 48;
    private static final int BUCKETS = 2 * SLOTS_PER_DAY;
    private static final double ALPHA = 0.1;
    private static final int WARM_VISITS = 24;

    private final double[] level = new double[BUCKETS];
    private final double[] spread = new double[BUCKETS];
    private final short[] visits = new short[BUCKETS];
    private final EwmaLevel overall = new EwmaLevel(0.005);

    @Override
    public double observe(long epochSecond, double value) {
        int bucket = bucketOf(epochSecond);
        double z = Double.NaN;
        if (visits[bucket] >= WARM_VISITS) {
            double scale = Math.max(spread[bucket], 0.1 * overall.safeDeviation());
            z = Math.abs(value - level[bucket]) / scale;
        }
        learn(bucket, value);
        overall.learn(value);
        return z;
    }

    private void learn(int bucket, double value) {
        int n = visits[bucket];
        if (n < Short.MAX_VALUE) {
            visits[bucket] = (short) (n + 1);
        }
        double a = Math.max(ALPHA, 1.0 / (n + 1));
        double error = value - level[bucket];
        if (n > WARM_VISITS && spread[bucket] > 0) {
            double bound = 4 * spread[bucket];
            error = Math.max(-bound, Math.min(bound, error));
        }
        level[bucket] += a * error;
        spread[bucket] += a * (Math.abs(error) - spread[bucket]);
    }

    private static int bucketOf(long epochSecond) {
        long day = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
        int weekend = dayOfWeek >= 5 ? 1 : 0;
        return weekend * SLOTS_PER_DAY + secondOfDay / (86_400 / SLOTS_PER_DAY);
    }

    @Override
    public int stateBytes() {
        return 16 + 3 * 16 + BUCKETS * (8 + 8 + 2) + EwmaLevel.stateBytes();
    }
}
