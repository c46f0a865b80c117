package dev.selfheal.prediction;

/**
 * The Theil-Sen line: the median of the slopes between every pair of points, and the median
 * intercept under it. Up to 29 % of the points can be wild without moving it, which a least
 * squares line cannot say of even one. The slope's spread comes from Sen's confidence interval
 * on the ranked pairwise slopes (a 95 % interval, read as ±1.96 standard errors).
 *
 * @param origin    the time the intercept is taken at, epoch ms
 * @param intercept the value at {@code origin}
 * @param slope     value per millisecond
 * @param slopeSe   a standard error of {@code slope}
 * @param sigma     a robust standard deviation of the residuals
 * @param center    the mean time of the points, where the line is surest
 */
record TheilSen(long origin, double intercept, double slope, double slopeSe, double sigma, long center) {

    /** Points are thinned to this many first; the fit costs their square. */
    static final int MAX_POINTS = 60;

    static TheilSen fit(Series raw) {
        Series s = raw.thinnedTo(MAX_POINTS);
        int n = s.size();
        if (n < 3 || s.span() <= 0) {
            throw new IllegalArgumentException("a trend needs at least three points over some time, got " + n);
        }
        long origin = s.firstTime();
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                long dt = s.time(j) - s.time(i);
                if (dt > 0) {
                    slopes[k++] = (s.value(j) - s.value(i)) / dt;
                }
            }
        }
        // three order statistics of the slopes, by selection: sorting them all was most of a forecast's cost
        double[] pairs = k == slopes.length ? slopes : java.util.Arrays.copyOf(slopes, k);
        double c = 1.96 * Math.sqrt(n * (n - 1.0) * (2 * n + 5) / 18.0);
        double lower = Stats.select(pairs, clamp((int) Math.floor((k - c) / 2), k));
        double upper = Stats.select(pairs, clamp((int) Math.ceil((k + c) / 2), k));
        double slope = Stats.quantile(pairs, 0.5);
        double slopeSe = Math.max(0, (upper - lower) / (2 * 1.96));
        double[] intercepts = new double[n];
        double sumT = 0;
        for (int i = 0; i < n; i++) {
            intercepts[i] = s.value(i) - slope * (s.time(i) - origin);
            sumT += s.time(i) - origin;
        }
        double intercept = Stats.quantile(intercepts, 0.5);
        double[] residuals = new double[raw.size()];
        for (int i = 0; i < raw.size(); i++) {
            residuals[i] = raw.value(i) - (intercept + slope * (raw.time(i) - origin));
        }
        return new TheilSen(origin, intercept, slope, slopeSe, Stats.robustSigma(residuals), origin + Math.round(sumT / n));
    }

    private static int clamp(int i, int size) {
        return Math.max(0, Math.min(size - 1, i));
    }

    double at(long millis) {
        return intercept + slope * (millis - origin);
    }

    /** The doubt about the line's value at {@code millis}: the residual noise and the slope's error, growing away from the centre. */
    double spreadAt(long millis) {
        double drift = slopeSe * (millis - center);
        return Math.sqrt(sigma * sigma + drift * drift);
    }
}
