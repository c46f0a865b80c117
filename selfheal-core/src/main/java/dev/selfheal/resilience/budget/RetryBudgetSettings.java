package dev.selfheal.resilience.budget;

import java.time.Duration;

/**
 * How many retries an integration may make: at most {@code retryRatio} of the calls made in
 * the last {@code window}, plus {@code minRetriesPerSecond × window} so that a quiet
 * integration can still retry now and then (Finagle's {@code RetryBudget}: 20 %, 10 s, and a
 * small floor).
 */
public record RetryBudgetSettings(double retryRatio, Duration window, double minRetriesPerSecond) {

    public RetryBudgetSettings {
        if (!(retryRatio >= 0.0 && retryRatio <= 1.0)) {
            throw new IllegalArgumentException("retry_budget.ratio must be within 0..1, got " + retryRatio);
        }
        if (window == null || window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("retry_budget.window must be within 1s..1h, got " + window);
        }
        if (!(minRetriesPerSecond >= 0.0) || Double.isInfinite(minRetriesPerSecond)) {
            throw new IllegalArgumentException("retry_budget.min_retries_per_second must be a finite number >= 0, got " + minRetriesPerSecond);
        }
    }

    /** 20 % of the calls of the last 10 s, plus one retry per second. */
    public static RetryBudgetSettings defaults() {
        return new RetryBudgetSettings(0.2, Duration.ofSeconds(10), 1.0);
    }

    /** The retries a window always allows, whatever the traffic. */
    public long reserve() {
        return (long) Math.floor(minRetriesPerSecond * window.toNanos() / 1e9);
    }
}
