package dev.selfheal.anomaly;

import java.time.Instant;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Synthetic metric series for detector tests: a daily shape with noise, sampled every five minutes. */
final class SyntheticSeries {

    static final int PER_DAY = 288;
    static final Instant START = Instant.parse("2024-03-04T00:00:00Z");

    private SyntheticSeries() {
    }

    static Instant at(int i) {
        return START.plusSeconds(300L * i);
    }

    /** A daily sine around 50 with amplitude 10 and Gaussian noise of sd 1, from a fixed seed. */
    static double[] dailyWithNoise(int points, long seed) {
        Random random = new Random(seed);
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = 50 + 10 * Math.sin(2 * Math.PI * i / PER_DAY) + random.nextGaussian();
        }
        return v;
    }

    static double[] map(double[] base, int from, IntToDoubleFunction change) {
        double[] v = base.clone();
        for (int i = from; i < v.length; i++) {
            v[i] += change.applyAsDouble(i);
        }
        return v;
    }

    /** Scores of a fresh detector over the whole series. */
    static double[] scores(String detector, double[] values) {
        AnomalyDetector d = AnomalyDetectors.create(detector);
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = d.update(at(i), values[i]).score();
        }
        return s;
    }

    /** Index of the first score at or above the level at or after {@code from}, or −1. */
    static int firstAlarm(double[] scores, int from, double level) {
        for (int i = from; i < scores.length; i++) {
            if (scores[i] >= level) {
                return i;
            }
        }
        return -1;
    }
}
