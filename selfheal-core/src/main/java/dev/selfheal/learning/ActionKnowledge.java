package dev.selfheal.learning;

import java.time.Duration;
import java.util.Optional;

/**
 * What is known, now, of one action against one (problem type, kind): the Beta posterior of
 * "verified recovered" (prior Beta(1, 1), outcomes weighted by age), the mean time of an attempt
 * that worked and of one that did not, and the last raw outcomes.
 *
 * @param successes      weighted verified outcomes
 * @param failures       weighted unverified outcomes
 * @param recentTried    raw attempts among the last {@value ActionTrackRecord#RECENT}
 * @param recentVerified of those, verified
 * @param medianVerified median time to the verdict of the recent verified attempts
 */
public record ActionKnowledge(String problemType, String kind, String action, double successes, double failures,
                              Optional<Duration> successTime, Optional<Duration> failureTime, int recentTried,
                              int recentVerified, Optional<Duration> medianVerified) {

    /** z of a one-sided 90% bound. */
    private static final double Z = 1.2816;

    public static ActionKnowledge none(String problemType, String kind, String action) {
        return new ActionKnowledge(problemType, kind, action, 0, 0, Optional.empty(), Optional.empty(), 0, 0, Optional.empty());
    }

    /** Effective number of trials (weights after forgetting). */
    public double evidence() {
        return successes + failures;
    }

    /** Posterior mean of the verified-recovery rate. */
    public double mean() {
        return (1 + successes) / (2 + successes + failures);
    }

    /** A cautious (90%, normal approximation of the Beta) lower bound of the rate. */
    public double lower() {
        return Math.max(0, mean() - Z * sd());
    }

    /** An optimistic (90%) upper bound of the rate. */
    public double upper() {
        return Math.min(1, mean() + Z * sd());
    }

    private double sd() {
        double a = 1 + successes;
        double b = 1 + failures;
        return Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
    }

    /**
     * The expected time one attempt costs at verified-recovery rate {@code p}: its success time
     * with probability p, its failure time otherwise; unknown times are {@code fallback}.
     */
    public double expectedCostNanos(double p, Duration fallback) {
        return cost(p, successTime.orElse(fallback), fallback);
    }

    /**
     * As {@link #expectedCostNanos}, but optimistic about the time of an action never seen
     * working: nothing bounds how fast it might be, so its success is taken as instant. Without
     * this, an action whose first try failed would be assumed as slow as its peers, and a fast one
     * unlucky once would never be tried again.
     */
    public double optimisticCostNanos(double p, Duration fallback) {
        return cost(p, successTime.orElse(Duration.ZERO), fallback);
    }

    private double cost(double p, Duration winTime, Duration fallback) {
        double win = winTime.toNanos();
        double lose = failureTime.orElse(fallback).toNanos();
        return Math.max(1, p * win + (1 - p) * lose);
    }
}
