package dev.selfheal.anomaly;

/**
 * Pattern: a slow drift away from the daily profile (a temperature creeping up, a load that
 * grows hour after hour), seen on block means of the deseasonalised residual.
 *
 * <p>A drift of a tenth of the noise per point is invisible point by point: after an hour
 * (twelve five-minute points) it has moved about one noise deviation, and each point's residual
 * is still mostly noise. The mean of {@link #BLOCK} residuals has {@code sqrt(BLOCK)} times less
 * noise, so the same drift stands out after a few blocks. Each completed block's mean is scored
 * against a slow robust level and spread of past block means ({@link EwmaLevel}, in block units),
 * which also absorbs the profile's own small bias (its half-hour level, learnt point by point,
 * lags the daily slope a little); between blocks the signal gives no opinion (NaN), so the work
 * per point is one addition.
 *
 * <p>The residual is the distance from the half hour's level ({@link SeasonalResidual}'s profile,
 * shared), raw rather than in the half hour's spread, and used once the half hour has been seen
 * {@link #MIN_VISITS} times: half what the point-wise residual waits for, because a mean of
 * eight residuals needs no learnt per-bucket spread. A series without a daily shape gets a
 * level per half hour all the same, so this is then a drift from its recent level.
 */
final class SeasonalDrift implements Signal {

    /**
     * Points per block: 40 minutes at five-minute sampling, long enough for a mean of block
     * residuals to stand above the point-wise noise, short enough to find a drift within a few
     * hours.
     */
    static final int BLOCK = 8;
    /** Visits of a half hour before its residual is used (two days of five-minute points). */
    static final int MIN_VISITS = 12;
    /** Memory of the block means' level and spread, per block: about 50 blocks. */
    private static final double ALPHA = 0.02;
    /** Block means learnt before the first opinion. */
    private static final int MIN_BLOCKS = 5;

    private final SeasonalResidual source;
    private final EwmaLevel level = new EwmaLevel(ALPHA);
    private double sum;
    private int n;

    SeasonalDrift(SeasonalResidual source) {
        this.source = source;
    }

    @Override
    public double observe(long epochSecond, double value) {
        double residual = source.lastRawResidual(epochSecond);
        if (Double.isNaN(residual)) {
            return Double.NaN;
        }
        sum += residual;
        if (++n < BLOCK) {
            return Double.NaN;
        }
        double mean = sum / BLOCK;
        sum = 0;
        n = 0;
        double z = level.count() < MIN_BLOCKS ? Double.NaN : Math.abs(mean - level.mean()) / level.safeDeviation();
        level.learn(mean);
        return z;
    }

    @Override
    public int stateBytes() {
        return 16 + 2 * 8 + 8 + 4 + EwmaLevel.stateBytes();
    }
}
