package dev.selfheal.resilience.retry;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/** Waits the same interval before every retry. */
final class FixedInterval implements RetryStrategy {

    private final Duration interval;

    public FixedInterval(Duration interval) {
        DurationChecks.notNegative(interval, "retry.initial_delay");
        this.interval = interval;
    }

    @Override
    public Duration delay(int attempt, Throwable error) {
        return interval;
    }

    @Override
    public RetryStrategyKind kind() {
        return RetryStrategyKind.FIXED_INTERVAL;
    }
}
