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
    private final Deque<Outcome> recent = new ArrayDeque<>();
    private final DriftDetector drift = new DriftDetector();

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

    /**
     * Adds one outcome; true when it completes a drop of the verified-recovery rate that the
     * record makes implausible (see {@link DriftDetector}): the caller then distrusts what the
     * whole (problem type, kind) learned before the drop.
     */
    boolean add(boolean verified, Duration toVerdict) {
        boolean drifted = drift.observe(verified, successes, failures);
        double nanos = toVerdict.toNanos();
        if (verified) {
            successes += 1;
            successNanos += nanos;
        } else {
            failures += 1;
            failureNanos += nanos;
        }
        recent.addLast(new Outcome(verified, toVerdict));
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
        return drifted;
    }

    /**
     * After a change: what was learned before it weighs at most {@code evidence} trials (its means
     * and times kept as a hint), and the outcomes of the suspect run that revealed it (if this is
     * the action that drifted) are kept whole, since they are the new world.
     */
    void distrustBefore(double evidence) {
        double runSuccesses = drift.runSuccesses();
        double runFailures = drift.runFailures();
        double oldSuccesses = Math.max(0, successes - runSuccesses);
        double oldFailures = Math.max(0, failures - runFailures);
        double old = oldSuccesses + oldFailures;
        double keep = old > evidence ? evidence / old : 1;
        double successTime = successes > 1e-9 ? successNanos / successes : 0;
        double failureTime = failures > 1e-9 ? failureNanos / failures : 0;
        successes = oldSuccesses * keep + runSuccesses;
        failures = oldFailures * keep + runFailures;
        successNanos = successTime * successes;
        failureNanos = failureTime * failures;
        drift.reset();
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
