package dev.selfheal.resilience;

import dev.selfheal.time.DurationChecks;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * An integration's circuit breaker, in one of three modes, mapped onto Resilience4j's
 * {@code CircuitBreakerConfig}:
 *
 * <ul>
 *   <li>{@link Mode#CONSECUTIVE_FAILURES} (the default): opens after {@code failureThreshold}
 *       failures in a row. A count-based window of N calls, N calls minimum and a 100 % failure
 *       rate threshold is exactly "the last N calls all failed";
 *   <li>{@link Mode#FAILURE_RATE}: opens when at least {@code failureRatePercent} of the last
 *       {@code windowSize} calls failed (after {@code minimumCalls});
 *   <li>{@link Mode#SLOW_CALL_RATE}: also opens when {@code slowCallRatePercent} of them took longer
 *       than {@code slowCallThreshold}.
 * </ul>
 *
 * Open, it refuses calls for {@code recoveryTimeout}; then {@code halfOpenCalls} trial calls go
 * through (one by default): if they succeed it closes, else it opens again.
 */
public record BreakerSettings(
        Mode mode,
        int failureThreshold,
        Duration recoveryTimeout,
        int windowSize,
        int minimumCalls,
        float failureRatePercent,
        float slowCallRatePercent,
        Duration slowCallThreshold,
        int halfOpenCalls) {

    /** How the breaker decides to open. */
    public enum Mode { CONSECUTIVE_FAILURES, FAILURE_RATE, SLOW_CALL_RATE }

    public BreakerSettings {
        if (mode == null) {
            throw new IllegalArgumentException("breaker.mode is required");
        }
        DurationChecks.positive(recoveryTimeout, "breaker.recovery_timeout");
        if (halfOpenCalls < 1) {
            throw new IllegalArgumentException("breaker.half_open_calls must be >= 1, got " + halfOpenCalls);
        }
        switch (mode) {
            case CONSECUTIVE_FAILURES -> {
                if (failureThreshold < 1) {
                    throw new IllegalArgumentException("breaker.failure_threshold must be >= 1, got " + failureThreshold);
                }
            }
            case FAILURE_RATE, SLOW_CALL_RATE -> {
                if (windowSize < 1) {
                    throw new IllegalArgumentException("breaker.window_size must be >= 1, got " + windowSize);
                }
                if (minimumCalls < 1) {
                    throw new IllegalArgumentException("breaker.minimum_calls must be >= 1, got " + minimumCalls);
                }
                requirePercent(failureRatePercent, "breaker.failure_rate_percent");
                requirePercent(slowCallRatePercent, "breaker.slow_call_rate_percent");
                DurationChecks.positive(slowCallThreshold, "breaker.slow_call_threshold");
            }
        }
    }

    /** The default breaker: open after {@code failures} consecutive failures, for {@code recoveryTimeout}. */
    public static BreakerSettings consecutiveFailures(int failures, Duration recoveryTimeout) {
        return new BreakerSettings(Mode.CONSECUTIVE_FAILURES, failures, recoveryTimeout, failures, failures,
                100f, 100f, Duration.ofSeconds(60), 1);
    }

    /** Open when {@code percent} % of the last {@code windowSize} calls failed (at least {@code minimumCalls} made). */
    public static BreakerSettings failureRate(float percent, int windowSize, int minimumCalls, Duration recoveryTimeout) {
        return new BreakerSettings(Mode.FAILURE_RATE, 0, recoveryTimeout, windowSize, minimumCalls,
                percent, 100f, Duration.ofSeconds(60), 1);
    }

    /** Open when {@code percent} % of the last {@code windowSize} calls were slower than {@code slowerThan}, or all failed. */
    public static BreakerSettings slowCallRate(float percent, Duration slowerThan, int windowSize, int minimumCalls, Duration recoveryTimeout) {
        return new BreakerSettings(Mode.SLOW_CALL_RATE, 0, recoveryTimeout, windowSize, minimumCalls,
                100f, percent, slowerThan, 1);
    }

    /** The same breaker letting {@code calls} trial calls through when half-open. */
    public BreakerSettings withHalfOpenCalls(int calls) {
        return new BreakerSettings(mode, failureThreshold, recoveryTimeout, windowSize, minimumCalls,
                failureRatePercent, slowCallRatePercent, slowCallThreshold, calls);
    }

    /** The Resilience4j config, on the given clocks (wall time for state timing, monotonic for call durations). */
    public CircuitBreakerConfig toResilience4j(Clock clock, LongSupplier nanoTime) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.custom()
                .clock(clock)
                .currentTimestampFunction(c -> nanoTime.getAsLong(), TimeUnit.NANOSECONDS)
                .waitDurationInOpenState(recoveryTimeout)
                .permittedNumberOfCallsInHalfOpenState(halfOpenCalls)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // A full bulkhead is our own back-pressure, not the integration failing.
                .ignoreExceptions(BulkheadFullException.class)
                // Nor is an answer that asks us to wait (429, or a spent quota): the integration is
                // up and said when to come back; the guard holds calls until then (RateLimitTracker).
                .ignoreException(RateLimitAnswers::asksToWait)
                .writableStackTraceEnabled(false);
        return switch (mode) {
            case CONSECUTIVE_FAILURES -> b.slidingWindow(failureThreshold, failureThreshold, SlidingWindowType.COUNT_BASED)
                    .failureRateThreshold(100f)
                    .slowCallRateThreshold(100f)
                    .slowCallDurationThreshold(Duration.ofDays(1))
                    .build();
            case FAILURE_RATE -> b.slidingWindow(windowSize, minimumCalls, SlidingWindowType.COUNT_BASED)
                    .failureRateThreshold(failureRatePercent)
                    .slowCallRateThreshold(100f)
                    .slowCallDurationThreshold(Duration.ofDays(1))
                    .build();
            case SLOW_CALL_RATE -> b.slidingWindow(windowSize, minimumCalls, SlidingWindowType.COUNT_BASED)
                    .failureRateThreshold(failureRatePercent)
                    .slowCallRateThreshold(slowCallRatePercent)
                    .slowCallDurationThreshold(slowCallThreshold)
                    .build();
        };
    }

    private static void requirePercent(float p, String key) {
        if (!(p > 0f && p <= 100f)) {
            throw new IllegalArgumentException(key + " must be within (0, 100], got " + p);
        }
    }
}
