package dev.selfheal.learning;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What is known of one action against one (problem type, kind): a Beta posterior of "verified
 * recovered" from forgotten-with-age outcomes, the time an attempt takes when it works and when
 * it does not, and the last {@value #RECENT} raw outcomes for explanations.
 *
 * <p>Forgetting is lazy: every outcome's weight is multiplied by {@code decay} per incident of
 * its (problem type, kind) since, applied when the record is next touched. Not thread-safe; the
 * model guards it.
 */
final class ActionTrackRecord {

    static final int RECENT = 20;

    /** One raw outcome. */
    record Outcome(boolean verified, Duration toVerdict) { }

    private double successes;
    private double failures;
    private double successNanos;
    private double failureNanos;
    private long decayedAt;
    private int failedInARow;

    /** Failures in a row that a good record (mean at least {@link #GOOD_BEFORE}) makes implausible (< 1%). */
    static final int SUDDEN_CHANGE_RUN = 3;
    static final double GOOD_BEFORE = 0.8;
    /** What is kept of the older outcomes when they are distrusted. */
    static final double KEPT = 0.25;
    private final Deque<Outcome> recent = new ArrayDeque<>();

    /** Brings the weights to incident {@code tick} of the key. */
    void age(long tick, double decay) {
        if (tick > decayedAt) {
            double factor = Math.pow(decay, tick - decayedAt);
            successes *= factor;
            failures *= factor;
            successNanos *= factor;
            failureNanos *= factor;
            decayedAt = tick;
        }
    }

    void add(boolean verified, Duration toVerdict) {
        double nanos = toVerdict.toNanos();
        if (verified) {
            successes += 1;
            successNanos += nanos;
            failedInARow = 0;
        } else {
            failures += 1;
            failureNanos += nanos;
            if (++failedInARow == SUDDEN_CHANGE_RUN) {
                distrustOlderRecord();
            }
        }
        recent.addLast(new Outcome(verified, toVerdict));
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /**
     * A sudden change: an action with a good record just failed {@value #SUDDEN_CHANGE_RUN} times
     * running, which its record gives less than a 1% chance. A careful operator stops trusting the
     * old record rather than waiting for forgetting to wear it down: the outcomes before the run
     * keep a quarter of their weight.
     */
    private void distrustOlderRecord() {
        double olderFailures = Math.max(0, failures - SUDDEN_CHANGE_RUN);
        double meanBefore = (1 + successes) / (2 + successes + olderFailures);
        if (meanBefore < GOOD_BEFORE) {
            return;
        }
        double recentFailureNanos = failures > 0 ? failureNanos * (SUDDEN_CHANGE_RUN / failures) : 0;
        successes *= KEPT;
        successNanos *= KEPT;
        failureNanos = recentFailureNanos + (failureNanos - recentFailureNanos) * KEPT;
        failures = SUDDEN_CHANGE_RUN + olderFailures * KEPT;
    }

    double successes() {
        return successes;
    }

    double failures() {
        return failures;
    }

    /** Mean time of a verified attempt, if any verified outcome still weighs. */
    Duration successTime() {
        return successes > 1e-9 ? Duration.ofNanos((long) (successNanos / successes)) : null;
    }

    Duration failureTime() {
        return failures > 1e-9 ? Duration.ofNanos((long) (failureNanos / failures)) : null;
    }

    List<Outcome> recent() {
        return new ArrayList<>(recent);
    }
}
