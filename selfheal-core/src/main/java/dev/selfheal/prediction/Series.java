package dev.selfheal.prediction;

import java.util.Arrays;

/**
 * Points of one resource in time order: times in epoch milliseconds and values. Immutable; the
 * arrays are copied in and never handed out.
 */
public final class Series {

    public static final Series EMPTY = new Series(new long[0], new double[0]);

    private final long[] times;
    private final double[] values;

    private Series(long[] times, double[] values) {
        this.times = times;
        this.values = values;
    }

    /** A series from parallel arrays; times must not decrease and values must be finite. */
    public static Series of(long[] times, double[] values) {
        if (times.length != values.length) {
            throw new IllegalArgumentException("series: %d times but %d values".formatted(times.length, values.length));
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("series: value at index %d is not finite: %s".formatted(i, values[i]));
            }
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("series: time goes back at index %d".formatted(i));
            }
        }
        return new Series(times.clone(), values.clone());
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0;
    }

    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long firstTime() {
        return times[0];
    }

    public long lastTime() {
        return times[times.length - 1];
    }

    public double lastValue() {
        return values[values.length - 1];
    }

    /** How much time the points span, in milliseconds. */
    public long span() {
        return isEmpty() ? 0 : lastTime() - firstTime();
    }

    /** The points strictly before {@code millis}. */
    public Series before(long millis) {
        int end = 0;
        while (end < times.length && times[end] < millis) {
            end++;
        }
        return slice(0, end);
    }

    /** The points at or after {@code millis}. */
    public Series from(long millis) {
        int start = 0;
        while (start < times.length && times[start] < millis) {
            start++;
        }
        return slice(start, times.length);
    }

    public Series slice(int from, int to) {
        return new Series(Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to));
    }

    /**
     * At most {@code max} points: consecutive points in equal-count groups, each group's mean
     * time and median value (a median, so that a wild reading stays out as it would in the full
     * fit). Keeps the robust fits, whose cost grows with the square of the points, cheap.
     */
    public Series thinnedTo(int max) {
        if (times.length <= max) {
            return this;
        }
        long[] t = new long[max];
        double[] v = new double[max];
        for (int g = 0; g < max; g++) {
            int from = (int) ((long) g * times.length / max);
            int to = (int) ((long) (g + 1) * times.length / max);
            double st = 0;
            for (int i = from; i < to; i++) {
                st += times[i] - times[0];
            }
            t[g] = times[0] + Math.round(st / (to - from));
            v[g] = Stats.median(Arrays.copyOfRange(values, from, to));
        }
        return new Series(t, v);
    }

    /** The median interval between points, in milliseconds (1 when fewer than two points). */
    public long typicalStep() {
        if (times.length < 2) {
            return 1;
        }
        double[] steps = new double[times.length - 1];
        for (int i = 1; i < times.length; i++) {
            steps[i - 1] = times[i] - times[i - 1];
        }
        return Math.max(1, Math.round(Stats.median(steps)));
    }
}
