package dev.selfheal.prediction;

import java.util.Optional;

/**
 * Holt's double exponential smoothing: a level and a trend that follow the latest readings more
 * than the old ones, so a leak that speeds up is seen sooner than a straight line over the whole
 * window sees it. The smoothing weights are picked from a small grid by one-step-ahead error on
 * the window itself; the band is Holt's prediction interval, which widens with the horizon.
 */
public final class HoltTrend implements Forecaster {

    private static final double[] ALPHAS = {0.1, 0.3, 0.6};
    private static final double[] BETAS = {0.02, 0.1, 0.3};

    @Override
    public String name() {
        return "holt";
    }

    @Override
    public Optional<Trajectory> fit(Observations seen) {
        Series s = seen.recent().thinnedTo(240);
        if (s.size() < 8 || s.span() <= 0) {
            return Optional.empty();
        }
        Fit best = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                Fit f = run(s, a, b);
                if (best == null || f.sse < best.sse) {
                    best = f;
                }
            }
        }
        Fit f = best;
        long step = s.typicalStep();
        long last = s.lastTime();
        return Optional.of(new Trajectory() {
            @Override
            public double expected(long millis) {
                return f.level + f.trend * ((double) (millis - last) / step);
            }

            @Override
            public double spread(long millis) {
                double h = Math.max(1, (double) (millis - last) / step);
                // sum over j = 1..h-1 of (1 + j beta)^2, in closed form
                double m = h - 1;
                double sum = m + f.beta * h * m + f.beta * f.beta * m * h * (2 * h - 1) / 6;
                return f.sigma * Math.sqrt(1 + f.alpha * f.alpha * sum);
            }

            @Override
            public long basis() {
                // the weights were chosen by how well they followed the whole window
                return s.span();
            }
        });
    }

    private record Fit(double alpha, double beta, double level, double trend, double sse, double sigma) { }

    private static Fit run(Series s, double alpha, double beta) {
        int warm = Math.min(4, s.size() - 1);
        double level = s.value(0);
        double trend = (s.value(warm) - s.value(0)) / warm;
        double sse = 0;
        double[] errors = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            double forecast = level + trend;
            double error = s.value(i) - forecast;
            errors[i - 1] = error;
            sse += error * error;
            double newLevel = alpha * s.value(i) + (1 - alpha) * forecast;
            trend = beta * (newLevel - level) + (1 - beta) * trend;
            level = newLevel;
        }
        return new Fit(alpha, beta, level, trend, sse, Math.sqrt(sse / errors.length));
    }
}
