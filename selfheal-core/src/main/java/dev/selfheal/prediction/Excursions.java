package dev.selfheal.prediction;

/**
 * The highest level a resource has climbed to and come back down from on its own: what it has
 * shown to be normal for it. A batch that fills a queue to 0.8 every few hours climbs like a
 * fast leak until it stops, and nothing in the climb itself tells the two apart; the resource's
 * own past does. Once it has come back from 0.8, a climb below 0.8 is taken for the same again,
 * and a warning waits until the climb goes higher than anything it came back from. The level is
 * what survives a reset (a sawtooth's floor, once a forecast is trusted), so that a GC heap's
 * collections are not taken for such returns.
 *
 * <p>A climb counts once the level (a mean of three readings, against noise) has fallen back
 * at least halfway to where the climb started and by at least a tenth of the limit. What an
 * action brought down was not survived: when the level falls that far within a minute of a
 * release (a recovery step on the component), the climb is dropped. A release after which the
 * level does not fall so fast freed nothing (the same rule as for the warning itself), and the
 * climb goes on being watched. What was confirmed before stays either way: it is a property of
 * the workload, not of the process that a restart replaced.
 */
final class Excursions {

    /** Readings after a release within which a fall is the release's doing: a minute at the default interval. */
    private static final int RELEASE_READINGS = 6;

    private final double[] last = new double[3];
    private int seen;
    private double low = Double.NaN;
    private double high = Double.NaN;
    private double survived = Double.NEGATIVE_INFINITY;
    private int sinceRelease = Integer.MAX_VALUE;

    /** Takes one reading; {@code limit} scales what counts as coming back. */
    void add(double used, double limit) {
        if (!Double.isFinite(used)) {
            return;
        }
        last[seen++ % last.length] = used;
        if (seen < last.length) {
            return;
        }
        double level = (last[0] + last[1] + last[2]) / last.length;
        if (Double.isNaN(low)) {
            low = level;
            high = level;
            return;
        }
        high = Math.max(high, level);
        double fall = high - level;
        boolean cameBack = fall >= 0.1 * limit && fall >= (high - low) / 2;
        if (sinceRelease < RELEASE_READINGS) {
            sinceRelease++;
            if (cameBack) {
                // brought down by the action
                low = level;
                high = level;
                sinceRelease = Integer.MAX_VALUE;
                return;
            }
            if (sinceRelease < RELEASE_READINGS) {
                return;
            }
        }
        if (cameBack) {
            survived = Math.max(survived, high);
            low = level;
            high = level;
        } else if (level < low) {
            // a new trough: a climb is measured from the lowest point before it
            low = level;
            high = level;
        }
    }

    /** The highest level this resource has come back down from on its own; minus infinity when none. */
    double survived() {
        return survived;
    }

    /**
     * A climb is taken for one more of those the resource came back from until it goes this share
     * of the remaining headroom above the highest of them: batches differ in size, and the one a
     * little bigger than any before is still a batch.
     */
    static final double HEADROOM_SHARE = 0.3;

    /** Up to where a climb is taken for the resource's normal: minus infinity when it never came back from one. */
    double normalUpTo(double limit) {
        return survived == Double.NEGATIVE_INFINITY ? survived : survived + HEADROOM_SHARE * Math.max(0, limit - survived);
    }

    /** An action released the resource: a fall within the next minute is its doing, not the resource's. */
    void released() {
        sinceRelease = 0;
    }
}
