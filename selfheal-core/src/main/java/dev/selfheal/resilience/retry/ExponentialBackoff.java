package dev.selfheal.resilience.retry;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and
 * Jitter"): the wait is uniform in {@code [0, min(max, initial * multiplier^attempt)]}.
 * Full jitter spreads the retries of many callers that failed together, which plain
 * exponential backoff keeps in lock step.
 */
final class ExponentialBackoff implements RetryStrategy {

    private final long initialMillis;
    private final double multiplier;
    private final long maxMillis;
    private final RandomGenerator random;

    public ExponentialBackoff(Duration initial, double multiplier, Duration max, RandomGenerator random) {
        DurationChecks.positive(initial, "retry.initial_delay");
        DurationChecks.positive(max, "retry.max_delay");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("retry.multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry.max_delay (%s) must be >= retry.initial_delay (%s)".formatted(max, initial));
        }
        this.initialMillis = initial.toMillis();
        this.multiplier = multiplier;
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The upper bound of the jittered wait before retry {@code attempt + 1}. */
    public Duration ceiling(int attempt) {
        double ceiling = initialMillis * Math.pow(multiplier, Math.max(0, attempt));
        return Duration.ofMillis(ceiling >= maxMillis ? maxMillis : (long) ceiling);
    }

    @Override
    public Duration delay(int attempt, Throwable error) {
        long ceiling = ceiling(attempt).toMillis();
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }

    @Override
    public RetryStrategyKind kind() {
        return RetryStrategyKind.EXPONENTIAL_BACKOFF;
    }
}
