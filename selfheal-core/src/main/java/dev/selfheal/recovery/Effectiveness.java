package dev.selfheal.recovery;

import java.time.Duration;

/**
 * How well one action has worked against one problem type: attempts, verified successes and
 * the total time they took.
 */
public record Effectiveness(String problemType, String action, long attempts, long successes, Duration totalDuration) {

    public Effectiveness {
        if (attempts < 0 || successes < 0 || successes > attempts) {
            throw new IllegalArgumentException("effectiveness of %s/%s: need 0 <= successes <= attempts, got %d/%d"
                    .formatted(problemType, action, successes, attempts));
        }
    }

    public static Effectiveness none(String problemType, String action) {
        return new Effectiveness(problemType, action, 0, 0, Duration.ZERO);
    }

    /**
     * Success rate with one imagined success and one imagined failure (Laplace): an untried
     * action scores 0.5, and one lucky success does not outrank a long good record.
     */
    public double successRate() {
        return (successes + 1.0) / (attempts + 2.0);
    }

    public Duration meanDuration() {
        return attempts == 0 ? Duration.ZERO : totalDuration.dividedBy(attempts);
    }

    public Effectiveness plus(boolean success, Duration duration) {
        return new Effectiveness(problemType, action, attempts + 1, successes + (success ? 1 : 0), totalDuration.plus(duration));
    }
}
