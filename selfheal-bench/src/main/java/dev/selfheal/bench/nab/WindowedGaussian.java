package dev.selfheal.bench.nab;

import dev.selfheal.anomaly.AnomalyDetector;
import dev.selfheal.anomaly.AnomalyScore;
import java.time.Instant;

/**
 * NAB's simple baseline, the windowed Gaussian, rewritten from its published description so
 * every run can score it next to ours: the score of a point is {@code 1 − Q(|z|)}, its Gaussian
 * improbability against the mean and standard deviation of a window of up to 6,400
 * earlier points; once full, the window slides forward 100 points at a time (the statistics
 * change only then). A ruler, not a detector for production: it knows no time of day and keeps
 * 6,400 doubles per series.
 */
final class WindowedGaussian implements AnomalyDetector {

    static final String NAME = "windowed-gaussian";

    private static final int WINDOW = 6400;
    private static final int STEP = 100;

    private final double[] window = new double[WINDOW];
    private final double[] step = new double[STEP];
    private int filled;
    private int start;
    private int stepFilled;
    private double mean;
    private double deviation = 1;

    @Override
    public AnomalyScore update(Instant timestamp, double value) {
        double score = filled == 0 ? 0 : 1 - upperTail(Math.abs(value - mean) / deviation);
        if (filled < WINDOW) {
            window[filled++] = value;
            refit();
        } else {
            step[stepFilled++] = value;
            if (stepFilled == STEP) {
                for (int i = 0; i < STEP; i++) {
                    window[(start + i) % WINDOW] = step[i];
                }
                start = (start + STEP) % WINDOW;
                stepFilled = 0;
                refit();
            }
        }
        return new AnomalyScore(Math.max(0, Math.min(1, score)), 1);
    }

    private void refit() {
        double sum = 0;
        for (int i = 0; i < filled; i++) {
            sum += window[i];
        }
        mean = sum / filled;
        double squares = 0;
        for (int i = 0; i < filled; i++) {
            double d = window[i] - mean;
            squares += d * d;
        }
        deviation = Math.sqrt(squares / filled);
        if (deviation == 0) {
            deviation = 1e-6;
        }
    }

    /** Q(z), the standard normal upper tail. */
    private static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    private static double erfc(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851973
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : 2 - y;
    }

    @Override
    public String name() {
        return NAME;
    }
}
