package dev.selfheal.learning;

/**
 * Notices that an action stopped working: a Bernoulli CUSUM (Page's test) of "the verified-recovery
 * rate fell to half of what the record says" against "it is what the record says".
 *
 * <p>Each outcome adds its log-likelihood ratio of the two to a sum that never goes below zero; the
 * sum crossing {@link #THRESHOLD} means the drop is {@code e^THRESHOLD} (1000) times likelier than
 * bad luck. For an action verified 95 times in 100 that is four failures running; for one
 * verified 90 times in 100, five. Forgetting alone would take a half-life to notice; an operator
 * who saw it would stop trusting the old record at once.
 *
 * <p>Why a thousand and not a hundred: the test runs after every outcome of every watched action,
 * and an action that goes first is tried about a hundred times between two changes of its world.
 * At 100 to 1, a leader that works 90% of the time raises a false alarm within 130 tries about
 * once in five (simulated), and each false alarm costs its (problem type, kind) the record of every
 * action: tens of incidents of a worse first step before the record is rebuilt. At 1000 to 1 that
 * is about once in fifty, for one or two more incidents of delay on a real drop (measured on
 * {@code bench learn}, seeds 1-20, judged on 21-60: docs/learning.md).
 *
 * <p>The rate under test is the posterior mean when the sum last left zero: the record before the
 * suspect run, held while the run lasts. Re-estimated after each outcome, it would take in the
 * very failures under test, the drop it is looking for would shrink with every failure, and a rate
 * that fell from 90% to 30% (its failures mixed with a few successes) could go unnoticed for
 * dozens of incidents. An action with less than {@link #MIN_EVIDENCE} effective trials has no
 * record to drift from and is not watched. Not thread-safe; the model guards it.
 */
final class DriftDetector {

    /** ln(1000): a drop must be a thousand times likelier than bad luck. */
    static final double THRESHOLD = Math.log(1000);
    static final double MIN_EVIDENCE = 5;
    /** The alternative: the rate fell to this share of what it was. */
    private static final double DROP = 0.5;

    private double sum;
    /** The record's rate when the sum left zero; NaN while it is zero. */
    private double reference = Double.NaN;
    private int runSuccesses;
    private int runFailures;

    /** One outcome, given the record before it; true when the drop is now established. */
    boolean observe(boolean verified, double successes, double failures) {
        if (successes + failures < MIN_EVIDENCE) {
            reset();
            return false;
        }
        double p0 = Double.isNaN(reference) ? (1 + successes) / (2 + successes + failures) : reference;
        double p1 = p0 * DROP;
        sum = Math.max(0, sum + (verified ? Math.log(p1 / p0) : Math.log((1 - p1) / (1 - p0))));
        if (sum == 0) {
            reference = Double.NaN;
            runSuccesses = 0;
            runFailures = 0;
            return false;
        }
        reference = p0;
        if (verified) {
            runSuccesses++;
        } else {
            runFailures++;
        }
        return sum >= THRESHOLD;
    }

    /** Outcomes since the sum last left zero: the run that points at a drop. */
    int runSuccesses() {
        return runSuccesses;
    }

    int runFailures() {
        return runFailures;
    }

    void reset() {
        sum = 0;
        reference = Double.NaN;
        runSuccesses = 0;
        runFailures = 0;
    }
}
