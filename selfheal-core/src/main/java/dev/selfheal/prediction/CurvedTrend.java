package dev.selfheal.prediction;

import java.util.Optional;

/**
 * A parabola through the recent readings, for leaks that speed up (a cache that grows with
 * the requests it holds, a retry storm feeding itself). A straight line through an
 * accelerating climb lags it: the slope it reads is the average over the window, and the limit
 * comes sooner than the line says, sometimes sooner than the warning and the action need.
 *
 * <p>It applies only when the bend is real: the curvature must be upward and stand out of its
 * standard error by {@value #CURVE_Z}, otherwise there is no fit and the straight line is
 * used. The readings are those after a lone level step ({@link RobustTrend#lastLoneStep}), so
 * a deploy that raised the level is not read as a bend. The fit is least squares on the
 * readings thinned to medians of a few (so a spike does not bend it); the spread is the
 * residual noise plus the fit's own doubt at each time, which grows with the square of the
 * distance ahead.
 */
public final class CurvedTrend implements Forecaster {

    /** The curvature must exceed this many of its standard errors. */
    static final double CURVE_Z = 4;
    private static final int MAX_POINTS = 120;
    private static final int MIN_POINTS = 18;

    @Override
    public String name() {
        return "curved";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        Series s = seen.recent();
        if (s.size() < MIN_POINTS || s.span() <= 0) {
            return Optional.empty();
        }
        int step = RobustTrend.lastLoneStep(s, RobustTrend.readingNoise(s));
        if (step > 0 && s.size() - step >= MIN_POINTS) {
            s = s.slice(step, s.size());
        }
        Series thin = s.thinnedTo(MAX_POINTS);
        int n = thin.size();
        if (n < MIN_POINTS) {
            return Optional.empty();
        }
        long origin = thin.lastTime();
        double scale = Math.max(1, thin.span());
        // normal equations of y = a + b x + c x^2, x = (t - last) / span in [-1, 0]
        double[][] m = new double[3][3];
        double[] r = new double[3];
        for (int i = 0; i < n; i++) {
            double x = (thin.time(i) - origin) / scale;
            double[] row = {1, x, x * x};
            for (int j = 0; j < 3; j++) {
                r[j] += row[j] * thin.value(i);
                for (int k = 0; k < 3; k++) {
                    m[j][k] += row[j] * row[k];
                }
            }
        }
        double[][] inv = invert(m);
        if (inv == null) {
            return Optional.empty();
        }
        double[] coef = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                coef[j] += inv[j][k] * r[k];
            }
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double x = (thin.time(i) - origin) / scale;
            double e = thin.value(i) - (coef[0] + coef[1] * x + coef[2] * x * x);
            squares += e * e;
        }
        double variance = squares / (n - 3);
        double curvatureSe = Math.sqrt(variance * inv[2][2]);
        if (!(coef[2] > CURVE_Z * curvatureSe)) {
            return Optional.empty();
        }
        double[] residuals = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            double x = (s.time(i) - origin) / scale;
            residuals[i] = s.value(i) - (coef[0] + coef[1] * x + coef[2] * x * x);
        }
        double noise = Stats.robustSigma(residuals);
        long span = s.span();
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                double x = (millis - origin) / scale;
                return coef[0] + coef[1] * x + coef[2] * x * x;
            }

            @Override
            public double spread(long millis) {
                double x = (millis - origin) / scale;
                double[] row = {1, x, x * x};
                double fit = 0;
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 3; k++) {
                        fit += row[j] * inv[j][k] * row[k];
                    }
                }
                return Math.sqrt(noise * noise + variance * fit);
            }

            @Override
            public long basis() {
                return span;
            }
        });
    }

    /** The inverse of a symmetric 3×3 matrix; null when it is singular. */
    private static double[][] invert(double[][] a) {
        double c00 = a[1][1] * a[2][2] - a[1][2] * a[2][1];
        double c01 = a[1][2] * a[2][0] - a[1][0] * a[2][2];
        double c02 = a[1][0] * a[2][1] - a[1][1] * a[2][0];
        double det = a[0][0] * c00 + a[0][1] * c01 + a[0][2] * c02;
        if (!(Math.abs(det) > 1e-12)) {
            return null;
        }
        double[][] inv = new double[3][3];
        inv[0][0] = c00 / det;
        inv[1][0] = c01 / det;
        inv[2][0] = c02 / det;
        inv[0][1] = (a[0][2] * a[2][1] - a[0][1] * a[2][2]) / det;
        inv[1][1] = (a[0][0] * a[2][2] - a[0][2] * a[2][0]) / det;
        inv[2][1] = (a[0][1] * a[2][0] - a[0][0] * a[2][1]) / det;
        inv[0][2] = (a[0][1] * a[1][2] - a[0][2] * a[1][1]) / det;
        inv[1][2] = (a[0][2] * a[1][0] - a[0][0] * a[1][2]) / det;
        inv[2][2] = (a[0][0] * a[1][1] - a[0][1] * a[1][0]) / det;
        return inv;
    }
}
