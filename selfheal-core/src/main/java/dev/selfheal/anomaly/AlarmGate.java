package dev.selfheal.anomaly;

/**
 * What turns a stream of scores into alarms a person (or NAB) wants: nothing while the detector
 * is still learning, and after an alarm, quiet for a while.
 *
 * <p>An anomaly is rarely one point: a level shift or an outage keeps every signal excited for
 * many points. Reporting each of them again is noise to an operator and costs false positives
 * in NAB, which rewards only the earliest detection of a window. So once a score reaches the
 * firing level, the following points are damped (multiplied by {@code quietFactor}, which keeps
 * them below the firing level) for {@code quietPoints} five-minute steps of time ({@link Steps}). The damping is softer than a
 * hard zero so a later, stronger event is still ranked above ordinary points.
 *
 * <p>After the quiet period the gate fires again only once the score has fallen back below half
 * the firing level (hysteresis): a signal that stays excited is one episode, not a new alarm
 * every quiet period. Until it re-arms, scores are damped as during the quiet period.
 */
final class AlarmGate {

    private final int learningPoints;
    private final int quietPoints;
    private final double firingLevel;
    private final double quietFactor;

    /**
     * Points seen: learning is a number of samples (the calibrators need that many surprises to
     * estimate a spread, whatever the interval), while the quiet period is a duration.
     */
    private long seen;
    private double quietLeft;
    private boolean armed = true;

    AlarmGate(int learningPoints, int quietPoints, double firingLevel, double quietFactor) {
        if (quietFactor * 1.0 >= firingLevel) {
            throw new IllegalArgumentException("quietFactor " + quietFactor + " must keep damped scores below the firing level "
                    + firingLevel);
        }
        this.learningPoints = learningPoints;
        this.quietPoints = quietPoints;
        this.firingLevel = firingLevel;
        this.quietFactor = quietFactor;
    }

    double pass(double score) {
        return pass(score, 1.0);
    }

    /** As {@link #pass(double)}, for a point standing for {@code steps} steps of time. */
    double pass(double score, double steps) {
        seen++;
        if (seen <= learningPoints) {
            return 0;
        }
        if (quietLeft > 1e-9) {
            quietLeft -= steps;
            return score * quietFactor;
        }
        if (!armed) {
            if (score >= firingLevel / 2) {
                return score * quietFactor;
            }
            armed = true;
        }
        if (score >= firingLevel) {
            quietLeft = quietPoints;
            armed = false;
        }
        return score;
    }

    /** How far through its learning the detector is: 0 at the start, 1 once learning is done. */
    double confidence() {
        return Math.min(1.0, (double) seen / Math.max(1, learningPoints));
    }

    static int stateBytes() {
        return 4 * 8 + 8;
    }
}
