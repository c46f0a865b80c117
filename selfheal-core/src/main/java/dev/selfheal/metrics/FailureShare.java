package dev.selfheal.metrics;

/**
 * The share of calls that failed between two readings of running totals (counters only grow):
 * what an error rate is when a registry keeps counts, not rates. Not thread-safe; each source
 * reads its totals under its own lock.
 */
public final class FailureShare {

    private double lastFailures = Double.NaN;
    private double lastTotal = Double.NaN;

    /**
     * Takes the totals read now and gives the share of the calls since the previous reading that
     * failed, in [0, 1]; NaN on the first reading, when a total is unknown, or when no call was made.
     */
    public double since(double failures, double total) {
        double calls = total - lastTotal;
        double share = calls > 0 ? Math.max(0, Math.min(1, (failures - lastFailures) / calls)) : Double.NaN;
        lastFailures = failures;
        lastTotal = total;
        return share;
    }
}
