package dev.selfheal.resilience.retry;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adaptive retry strategy: per error type it remembers the waits that preceded a
 * successful retry, and waits {@code mean × (attempt + 1)}, capped (60 s by default). Before
 * it has any history for a type it takes the {@link FirstGuessDelays} for its kind of failure.
 *
 * <p>History is bounded: when a type holds more than {@code historyMax}
 * delays it keeps only the newest {@code historyKeep}.
 */
final class AdaptiveRetryStrategy implements RetryStrategy {

    private final Duration cap;
    private final int historyMax;
    private final int historyKeep;
    private final FirstGuessDelays firstGuess;
    private final Map<String, ArrayDeque<Long>> successHistory = new ConcurrentHashMap<>();

    public AdaptiveRetryStrategy(Duration cap, int historyMax, int historyKeep) {
        DurationChecks.positive(cap, "retry.max_delay");
        if (historyMax < 1 || historyKeep < 1 || historyKeep > historyMax) {
            throw new IllegalArgumentException(
                    "retry.adaptive history needs 1 <= keep <= max, got keep=%d max=%d".formatted(historyKeep, historyMax));
        }
        this.cap = cap;
        this.historyMax = historyMax;
        this.historyKeep = historyKeep;
        this.firstGuess = new FirstGuessDelays(cap);
    }

    /** The defaults: cap 60 s, keep at most 100 delays, trim to the newest 50. */
    public static AdaptiveRetryStrategy withDefaults() {
        return new AdaptiveRetryStrategy(Duration.ofSeconds(60), 100, 50);
    }

    @Override
    public Duration delay(int attempt, Throwable error) {
        String type = ErrorCategory.typeOf(error);
        ArrayDeque<Long> history = successHistory.get(type);
        if (history != null) {
            double mean;
            synchronized (history) {
                mean = history.isEmpty() ? -1 : history.stream().mapToLong(Long::longValue).average().orElse(-1);
            }
            if (mean >= 0) {
                double millis = mean * (Math.max(0, attempt) + 1);
                return millis >= cap.toMillis() ? cap : Duration.ofMillis(Math.round(millis));
            }
        }
        return firstGuess.suggestDelay(ErrorCategory.of(error), attempt);
    }

    @Override
    public void recordSuccess(Throwable error, Duration delay) {
        recordSuccess(ErrorCategory.typeOf(error), delay);
    }

    /** Learns that a retry after {@code errorType} succeeded when it waited {@code delay}. */
    public void recordSuccess(String errorType, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("a successful retry delay must be zero or positive, got " + delay);
        }
        ArrayDeque<Long> history = successHistory.computeIfAbsent(errorType, t -> new ArrayDeque<>());
        synchronized (history) {
            history.addLast(delay.toMillis());
            if (history.size() > historyMax) {
                while (history.size() > historyKeep) {
                    history.removeFirst();
                }
            }
        }
    }

    /** How many successful delays are remembered for {@code errorType}. */
    public int historySize(String errorType) {
        ArrayDeque<Long> history = successHistory.get(errorType);
        if (history == null) {
            return 0;
        }
        synchronized (history) {
            return history.size();
        }
    }

    @Override
    public RetryStrategyKind kind() {
        return RetryStrategyKind.ADAPTIVE;
    }
}
