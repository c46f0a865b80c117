package dev.selfheal.anomaly;

import java.time.ZoneId;

/**
 * A daily profile: a robust level and spread for each half hour of the day, separately for
 * weekdays and weekends (96 buckets), each learnt from the points that fall in it. Nothing is
 * said about a bucket until it has been visited {@code WARM_VISITS} times, so a series shorter
 * than a few days, or without timestamps that mean anything, gets no opinion. The residual's
 * scale is floored by a tenth of the series-wide spread, so a bucket that happened to be quiet
 * does not turn a small wobble into a large surprise. The bucket of the last timestamp is
 * remembered with its time range, so consecutive points in one half hour cost no division.
 */
final class SeasonalProfile {

    private static final int SLOTS_PER_DAY = 48;
    private static final int SLOT_SECONDS = 86_400 / SLOTS_PER_DAY;
    private static final int BUCKETS = 2 * SLOTS_PER_DAY;
    static final int WARM_VISITS = 24;
    /** Memory of {@link #errorRatio()} (a plain average of the first thousand warm points). */
    private static final double SKILL_ALPHA = 0.001;

    private final double alpha;
    /** The offset of the zone whose days and weekends the buckets follow; looked up once per half hour. */
    private final LocalOffset offset;
    private final double[] level = new double[BUCKETS];
    private final double[] spread = new double[BUCKETS];
    /** Steps of time each bucket has been visited for ({@link Steps}): 24 are two hours of visits. */
    private final float[] visits = new float[BUCKETS];
    private double lastSteps = 1.0;
    private double lastAlpha;
    private final EwmaLevel overall = new EwmaLevel(0.005);
    private double seasonalError;
    private double flatError;
    private double skillPoints;
    private long slotStart = Long.MIN_VALUE;
    private int bucket;

    SeasonalProfile(double alpha, ZoneId zone) {
        this.alpha = alpha;
        this.lastAlpha = alpha;
        this.offset = new LocalOffset(zone);
    }

    /**
     * The signed residual of the value against its bucket, in the bucket's spread, or NaN while
     * the bucket is not warm. Remembers the bucket for the following {@link #learn}.
     */
    double residual(long epochSecond, double value) {
        return residual(epochSecond, value, 1.0);
    }

    /** As {@link #residual(long, double)}, for a point standing for {@code steps} steps of time. */
    double residual(long epochSecond, double value, double steps) {
        if (epochSecond < slotStart || epochSecond >= slotStart + SLOT_SECONDS) {
            slotStart = Math.floorDiv(epochSecond, (long) SLOT_SECONDS) * SLOT_SECONDS;
            bucket = bucketOf(slotStart + offset.secondsAt(slotStart));
        }
        if (visits[bucket] < WARM_VISITS) {
            return Double.NaN;
        }
        double deviation = overall.safeDeviation();
        double error = value - level[bucket];
        skillPoints += steps;
        double a = Math.max(steps / skillPoints, Steps.alpha(SKILL_ALPHA, steps));
        // Math.log is an intrinsic, Math.log1p is not: two of these per point are the whole cost.
        seasonalError += a * (Math.log(1 + Math.abs(error) / deviation) - seasonalError);
        flatError += a * (Math.log(1 + Math.abs(value - overall.mean()) / deviation) - flatError);
        double scale = Math.max(spread[bucket], 0.1 * deviation);
        return error / scale;
    }

    /**
     * How well the half-hour profile predicts this series compared with a flat slow level: the
     * ratio of their typical errors (of {@code log(1 + |error| / d)}, d the series-wide deviation, so that a few huge
     * bursts do not decide it), over the warm points of about the last thousand. Below 1 the
     * profile predicts better than a flat level (a daily cycle); around 1 the series has no
     * daily shape; well above 1 bursts at random hours have polluted the half hours' levels.
     * 1 until the profile is warm.
     */
    double errorRatio() {
        return skillPoints == 0 ? 1.0 : seasonalError / Math.max(flatError, 1e-12);
    }

    /**
     * The value minus its bucket's level, in the series' own units, or NaN while the bucket (of the
     * last {@link #residual} call) has been visited fewer than {@code minVisits} times. Unlike
     * {@link #residual} it needs no learnt spread, so a caller that averages it over many points
     * can trust it after fewer visits.
     */
    double rawResidual(double value, int minVisits) {
        return visits[bucket] < minVisits ? Double.NaN : value - level[bucket];
    }

    /** Learns the value into the bucket of the last {@link #residual} call. */
    void learn(double value) {
        learn(value, 1.0);
    }

    /** As {@link #learn(double)}, for a point standing for {@code steps} steps of time. */
    void learn(double value, double steps) {
        double n = visits[bucket];
        visits[bucket] = (float) (n + steps);
        if (n == 0) { // the first visit sets the level; its distance from zero is no spread (as in EwmaLevel)
            level[bucket] = value;
            overall.learn(value, steps);
            return;
        }
        double error = value - level[bucket];
        if (n > WARM_VISITS && spread[bucket] > 0) {
            double bound = 4 * spread[bucket];
            error = Math.max(-bound, Math.min(bound, error));
        }
        if (steps != lastSteps) {
            lastSteps = steps;
            lastAlpha = Steps.alpha(alpha, steps);
        }
        double a = lastAlpha;
        boolean steady = n * alpha >= steps; // both plain-average weights below alpha: no division
        level[bucket] += (steady ? a : Math.max(a, steps / (n + steps))) * error;
        spread[bucket] += (steady ? a : Math.max(a, steps / n)) * (Math.abs(error) - spread[bucket]);
        overall.learn(value, steps);
    }

    /** The bucket of a half hour, given as seconds since the epoch in local time. */
    private static int bucketOf(long slotStartSecond) {
        long day = Math.floorDiv(slotStartSecond, 86_400L);
        // with an offset that is not a whole number of half hours (+05:45), each UTC half hour goes
        // to the local bucket its start falls in
        int secondOfDay = (int) (slotStartSecond - day * 86_400L);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
        int weekend = dayOfWeek >= 5 ? 1 : 0;
        return weekend * SLOTS_PER_DAY + secondOfDay / SLOT_SECONDS;
    }

    static int stateBytes() {
        return 16 + 8 + 8 + 4 + 8 + LocalOffset.stateBytes() + 3 * 8 + 3 * 16 + BUCKETS * (8 + 8 + 4) + 2 * 8 + EwmaLevel.stateBytes();
    }
}
