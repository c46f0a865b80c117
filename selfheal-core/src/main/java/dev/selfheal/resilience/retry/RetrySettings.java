package dev.selfheal.resilience.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An integration's retry policy: immutable, validated by {@link Builder#build()}.
 *
 * <p>Defaults: {@code exponential_backoff}, 3 attempts (the first call and two retries),
 * initial delay 1 s, multiplier 2, linear increment 1 s, cap 60 s, adaptive history 100/50,
 * the default {@link RetryClassifier}.
 */
public record RetrySettings(
        RetryStrategyKind strategy,
        int maxAttempts,
        Duration initialDelay,
        double multiplier,
        Duration increment,
        Duration maxDelay,
        int adaptiveHistoryMax,
        int adaptiveHistoryKeep,
        List<Class<? extends Throwable>> alsoRetry,
        List<Class<? extends Throwable>> neverRetry) {

    public RetrySettings {
        Objects.requireNonNull(strategy, "retry.strategy");
        alsoRetry = List.copyOf(alsoRetry);
        neverRetry = List.copyOf(neverRetry);
    }

    public static RetrySettings defaults() {
        return builder().build();
    }

    /** No retries: one attempt. */
    public static RetrySettings none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh strategy instance (the adaptive one keeps its own history). */
    public RetryStrategy newStrategy(RandomGenerator random) {
        return switch (strategy) {
            case EXPONENTIAL_BACKOFF -> new ExponentialBackoff(initialDelay, multiplier, maxDelay, random);
            case LINEAR_BACKOFF -> new LinearBackoff(initialDelay, increment, maxDelay);
            case FIXED_INTERVAL -> new FixedInterval(initialDelay);
            case ADAPTIVE -> new AdaptiveRetryStrategy(maxDelay, adaptiveHistoryMax, adaptiveHistoryKeep);
        };
    }

    public RetryClassifier classifier() {
        return RetryClassifier.of(alsoRetry, neverRetry);
    }

    /** Builds {@link RetrySettings}; each setter may be called once. */
    public static final class Builder {
        private RetryStrategyKind strategy = RetryStrategyKind.EXPONENTIAL_BACKOFF;
        private int maxAttempts = 3;
        private Duration initialDelay = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private Duration increment = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(60);
        private int historyMax = 100;
        private int historyKeep = 50;
        private final List<Class<? extends Throwable>> alsoRetry = new ArrayList<>();
        private final List<Class<? extends Throwable>> neverRetry = new ArrayList<>();

        private Builder() { }

        public Builder strategy(RetryStrategyKind strategy) {
            this.strategy = Objects.requireNonNull(strategy, "retry.strategy");
            return this;
        }

        /** Total attempts, the first call included; 1 means no retry. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        public Builder increment(Duration increment) {
            this.increment = increment;
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public Builder adaptiveHistory(int max, int keep) {
            this.historyMax = max;
            this.historyKeep = keep;
            return this;
        }

        @SafeVarargs
        public final Builder alsoRetry(Class<? extends Throwable>... classes) {
            alsoRetry.addAll(List.of(classes));
            return this;
        }

        @SafeVarargs
        public final Builder neverRetry(Class<? extends Throwable>... classes) {
            neverRetry.addAll(List.of(classes));
            return this;
        }

        public RetrySettings build() {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("retry.max_attempts must be within 1..100, got " + maxAttempts);
            }
            RetrySettings settings = new RetrySettings(strategy, maxAttempts, initialDelay, multiplier, increment, maxDelay,
                    historyMax, historyKeep, alsoRetry, neverRetry);
            settings.newStrategy(RandomGenerator.getDefault()); // validates delays, multiplier and history bounds
            return settings;
        }
    }
}
