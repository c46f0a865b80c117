package dev.selfheal.anomaly;

/**
 * Learned detector: how surprising the current value is, given the values just before it.
 *
 * <p>What made HTM, CAD OSE and ARTime good on NAB is not a precise forecast but memory of
 * contexts: the series is quantised coarsely, and a point is anomalous when the short sequence
 * it completes has rarely or never been seen. This signal does that with counts, which keeps it
 * O(1) per point and bounded in memory:
 * <ul>
 * <li>Adaptive quantisation: the value is placed in one of {@code LEVELS} bins spanning a
 *     leaky range of what the series has shown (the range widens at once to take a new
 *     extreme and slowly shrinks back towards the level, so an old outlier does not squash
 *     every later value into one bin). Nothing about the series is known in advance.</li>
 * <li>Context models of several orders (the last 1, 3 and 6 bins), each a hashed table of
 *     decaying counts of which bin followed the context. The surprise of one order is
 *     {@code −log2 P(bin | context)} with additive smoothing; the signal reports the mean over
 *     the orders, in bits. A short context says "this value is unusual after that value", a
 *     long one says "this shape is new".</li>
 * <li>Counts halve when a context has been seen often, so the model keeps learning and a
 *     regime that has become normal stops being surprising.</li>
 * </ul>
 * State: three tables of {@code 256 × 16} two-byte counts plus totals, about 26 KiB.
 */
final class ContextNovelty implements Signal {

    private static final int LEVELS = 16;
    private static final int[] ORDERS = {1, 3, 6};
    private static final int SLOTS = 256;
    private static final int HALVE_AT = 1024;
    private static final double SMOOTHING = 0.25;
    private static final double RANGE_DECAY = 0.0002;

    private final char[][] counts = new char[ORDERS.length][SLOTS * LEVELS];
    private final char[][] totals = new char[ORDERS.length][SLOTS];
    private final EwmaLevel level = new EwmaLevel(0.01);
    private double low = Double.NaN;
    private double high = Double.NaN;
    private long history; // the last six bins, four bits each
    private long seen;

    @Override
    public double observe(long epochSecond, double value) {
        seen++;
        if (Double.isNaN(low)) {
            low = value;
            high = value;
        }
        low = Math.min(value, low + RANGE_DECAY * (level.mean() - low));
        high = Math.max(value, high - RANGE_DECAY * (high - level.mean()));
        level.learn(value);
        int bin = binOf(value);
        double probability = 1; // product over the orders: one logarithm per point instead of three
        for (int o = 0; o < ORDERS.length; o++) {
            int slot = slotOf(ORDERS[o]);
            char[] c = counts[o];
            int total = totals[o][slot];
            double p = (c[slot * LEVELS + bin] + SMOOTHING) / (total + SMOOTHING * LEVELS);
            probability *= p;
            learn(o, slot, bin);
        }
        history = (history << 4) | bin;
        if (seen <= ORDERS[ORDERS.length - 1]) {
            return Double.NaN;
        }
        return -Math.log(probability) / (ORDERS.length * Math.log(2));
    }

    private int binOf(double value) {
        double width = high - low;
        if (!(width > 1e-12 * Math.max(1.0, Math.abs(high)))) {
            return LEVELS / 2;
        }
        int bin = (int) ((value - low) / width * LEVELS);
        return Math.max(0, Math.min(LEVELS - 1, bin));
    }

    private int slotOf(int order) {
        long context = order >= 16 ? history : history & ((1L << (4 * order)) - 1);
        long h = (context + order) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 56) & (SLOTS - 1);
    }

    private void learn(int order, int slot, int bin) {
        char[] c = counts[order];
        int base = slot * LEVELS;
        c[base + bin]++;
        int total = totals[order][slot] + 1;
        if (total >= HALVE_AT) {
            total = 0;
            for (int i = 0; i < LEVELS; i++) {
                c[base + i] = (char) (c[base + i] >> 1);
                total += c[base + i];
            }
        }
        totals[order][slot] = (char) total;
    }

    @Override
    public int stateBytes() {
        int arrays = ORDERS.length * (16 + SLOTS * LEVELS * 2 + 16 + SLOTS * 2) + 2 * 16;
        return 16 + arrays + 4 * 8 + EwmaLevel.stateBytes();
    }
}
