package dev.selfheal.resilience.retry;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;

/**
 * How long to wait before the next attempt: a Resilience4j {@link IntervalBiFunction}, so it
 * plugs into {@code RetryConfig.intervalBiFunction(...)} as is, with 0-based
 * attempt numbering on top ({@code attempt} 0 is the wait before the first retry).
 */
public interface RetryStrategy extends IntervalBiFunction<Object> {

    /** The wait before retry number {@code attempt + 1}, after {@code error}. Never negative. */
    Duration delay(int attempt, Throwable error);

    /** The config name: exponential_backoff, linear_backoff, fixed_interval or adaptive. */
    RetryStrategyKind kind();

    /** Resilience4j counts attempts made so far (1 after the first failure); we count retries from 0. */
    @Override
    default Long apply(Integer attemptsMade, Either<Throwable, Object> outcome) {
        Throwable error = outcome != null && outcome.isLeft() ? outcome.getLeft() : null;
        return delay(Math.max(0, attemptsMade - 1), error).toMillis();
    }

    /** A successful retry after {@code error} that waited {@code delay}; strategies that learn use it. */
    default void recordSuccess(Throwable error, Duration delay) { }
}
