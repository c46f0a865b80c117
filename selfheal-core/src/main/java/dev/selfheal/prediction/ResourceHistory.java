package dev.selfheal.prediction;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The readings kept of one resource: every reading over the recent window, and the means of
 * fixed buckets (minutes) over a longer history for daily seasons. Bounded by construction.
 * Not thread-safe; the predictor owns it.
 */
final class ResourceHistory {

    private record Point(long at, double value) { }

    private final long recentMillis;
    private final long bucketMillis;
    private final int maxBuckets;
    private final Deque<Point> recent = new ArrayDeque<>();
    private final Deque<Point> buckets = new ArrayDeque<>();
    private long bucketStart = Long.MIN_VALUE;
    private double bucketSum;
    private int bucketCount;

    ResourceHistory(long recentMillis, long bucketMillis, long historyMillis) {
        this.recentMillis = recentMillis;
        this.bucketMillis = bucketMillis;
        this.maxBuckets = (int) Math.max(1, historyMillis / bucketMillis);
    }

    void add(long at, double value) {
        if (!recent.isEmpty() && at < recent.peekLast().at()) {
            return; // a clock that stepped back: keep time order, drop the reading
        }
        recent.addLast(new Point(at, value));
        while (recent.peekFirst().at() < at - recentMillis) {
            recent.removeFirst();
        }
        long start = Math.floorDiv(at, bucketMillis) * bucketMillis;
        if (start != bucketStart) {
            closeBucket();
            bucketStart = start;
        }
        bucketSum += value;
        bucketCount++;
    }

    private void closeBucket() {
        if (bucketCount > 0) {
            buckets.addLast(new Point(bucketStart + bucketMillis / 2, bucketSum / bucketCount));
            while (buckets.size() > maxBuckets) {
                buckets.removeFirst();
            }
        }
        bucketSum = 0;
        bucketCount = 0;
    }

    /** Forgets everything: the resource was released (a restart, a clean-up) and its past no longer predicts it. */
    void clear() {
        recent.clear();
        buckets.clear();
        bucketStart = Long.MIN_VALUE;
        bucketSum = 0;
        bucketCount = 0;
    }

    int recentSize() {
        return recent.size();
    }

    Series recent() {
        return toSeries(recent);
    }

    Series history() {
        return toSeries(buckets);
    }

    private static Series toSeries(Deque<Point> points) {
        long[] t = new long[points.size()];
        double[] v = new double[points.size()];
        int i = 0;
        for (Point p : points) {
            t[i] = p.at();
            v[i++] = p.value();
        }
        return Series.of(t, v);
    }
}
