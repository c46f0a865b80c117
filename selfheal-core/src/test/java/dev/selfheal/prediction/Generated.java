package dev.selfheal.prediction;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.function.LongToDoubleFunction;

/** Series generated from a formula of time with seeded noise: the exhaustion time is known. */
final class Generated {

    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private Generated() {
    }

    /** Readings every {@code step} over {@code length} from {@code from}; {@code shape} takes ms since {@link #START}. */
    static Series series(Instant from, Duration length, Duration step, LongToDoubleFunction shape, double noise, long seed) {
        Random random = new Random(seed);
        int n = (int) (length.toMillis() / step.toMillis());
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = from.toEpochMilli() + i * step.toMillis();
            v[i] = shape.applyAsDouble(t[i] - START.toEpochMilli()) + noise * random.nextGaussian();
        }
        return Series.of(t, v);
    }

    static Series series(Duration length, LongToDoubleFunction shape, double noise, long seed) {
        return series(START, length, Duration.ofSeconds(10), shape, noise, seed);
    }

    static Instant end(Series s) {
        return Instant.ofEpochMilli(s.lastTime());
    }

    static double minutes(long millis) {
        return millis / 60_000.0;
    }
}
