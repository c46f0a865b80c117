package dev.selfheal.resilience.retry;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/** Waits {@code initial + increment * attempt}, capped at {@code max}. */
final class LinearBackoff implements RetryStrategy {

    private final Duration initial;
    private final Duration increment;
    private final Duration max;

    public LinearBackoff(Duration initial, Duration increment, Duration max) {
        DurationChecks.positive(initial, "retry.initial_delay");
        DurationChecks.notNegative(increment, "retry.increment");
        DurationChecks.positive(max, "retry.max_delay");
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry.max_delay (%s) must be >= retry.initial_delay (%s)".formatted(max, initial));
        }
        this.initial = initial;
        this.increment = increment;
        this.max = max;
    }

    @Override
    public Duration delay(int attempt, Throwable error) {
        Duration d = initial.plus(increment.multipliedBy(Math.max(0, attempt)));
        return d.compareTo(max) > 0 ? max : d;
    }

    @Override
    public RetryStrategyKind kind() {
        return RetryStrategyKind.LINEAR_BACKOFF;
    }
}
