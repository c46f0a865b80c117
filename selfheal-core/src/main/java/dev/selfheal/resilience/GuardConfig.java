package dev.selfheal.resilience;

import dev.selfheal.resilience.budget.RetryBudgetSettings;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything that shapes one integration's guard. Immutable; {@link Builder#build()} checks
 * every value and names the key of a bad one.
 *
 * <p>Defaults: the default breaker for the integration's name ({@link GuardDefaults}),
 * {@link RetrySettings#defaults()}, {@link RetryBudgetSettings#defaults()}, 25 concurrent
 * calls without waiting for a slot, a 10 s time limit per attempt, a 60 s deadline per call,
 * DEGRADED health below 10 % of the rate limit, no fallback.
 */
public record GuardConfig(
        String integration,
        BreakerSettings breaker,
        RetrySettings retry,
        RetryBudgetSettings retryBudget,
        int maxConcurrentCalls,
        Duration bulkheadMaxWait,
        Optional<Duration> timeLimit,
        Duration defaultDeadline,
        double rateLimitWarnFraction,
        Fallback fallback) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public GuardConfig {
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(retryBudget, "retry_budget");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(timeLimit, "time_limit");
    }

    public static Builder builder(String integration) {
        return new Builder(integration);
    }

    /** The defaults for {@code integration}. */
    public static GuardConfig defaults(String integration) {
        return builder(integration).build();
    }

    /** Builds a {@link GuardConfig}. */
    public static final class Builder {
        private final String integration;
        private BreakerSettings breaker;
        private RetrySettings retry = RetrySettings.defaults();
        private RetryBudgetSettings budget = RetryBudgetSettings.defaults();
        private int maxConcurrentCalls = 25;
        private Duration bulkheadMaxWait = Duration.ZERO;
        private Optional<Duration> timeLimit = Optional.of(Duration.ofSeconds(10));
        private Duration defaultDeadline = Duration.ofSeconds(60);
        private double rateLimitWarnFraction = 0.10;
        private Fallback fallback = Fallback.none();

        private Builder(String integration) {
            this.integration = integration;
        }

        public Builder breaker(BreakerSettings breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        public Builder retry(RetrySettings retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public Builder retryBudget(RetryBudgetSettings budget) {
            this.budget = Objects.requireNonNull(budget, "retry_budget");
            return this;
        }

        /** The bulkhead: at most {@code calls} at once; a call waits up to {@code maxWait} for a slot. */
        public Builder bulkhead(int calls, Duration maxWait) {
            this.maxConcurrentCalls = calls;
            this.bulkheadMaxWait = maxWait;
            return this;
        }

        /** Each attempt runs on the call executor and is cancelled (interrupted) after {@code limit}. */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = Optional.of(limit);
            return this;
        }

        /** Attempts run on the caller's thread with no time limit (rely on the client's own timeouts). */
        public Builder noTimeLimit() {
            this.timeLimit = Optional.empty();
            return this;
        }

        /** How long a call may take in all, waits for rate limits included, unless the caller gives its own. */
        public Builder defaultDeadline(Duration deadline) {
            this.defaultDeadline = deadline;
            return this;
        }

        public Builder rateLimitWarnFraction(double fraction) {
            this.rateLimitWarnFraction = fraction;
            return this;
        }

        public Builder fallback(Fallback fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        public GuardConfig build() {
            if (integration == null || !NAME.matcher(integration).matches()) {
                throw new IllegalArgumentException("integration name must match %s, got '%s'".formatted(NAME, integration));
            }
            String at = "integrations." + integration + ".";
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException(at + "bulkhead.max_concurrent_calls must be >= 1, got " + maxConcurrentCalls);
            }
            if (bulkheadMaxWait == null || bulkheadMaxWait.isNegative()) {
                throw new IllegalArgumentException(at + "bulkhead.max_wait must be zero or positive, got " + bulkheadMaxWait);
            }
            timeLimit.ifPresent(limit -> DurationChecks.positive(limit, at + "time_limit"));
            DurationChecks.positive(defaultDeadline, at + "deadline");
            if (!(rateLimitWarnFraction > 0 && rateLimitWarnFraction < 1)) {
                throw new IllegalArgumentException(at + "rate_limit.warn_fraction must be within (0, 1), got " + rateLimitWarnFraction);
            }
            BreakerSettings b = breaker != null ? breaker : GuardDefaults.breakerFor(integration);
            return new GuardConfig(integration, b, retry, budget, maxConcurrentCalls, bulkheadMaxWait, timeLimit,
                    defaultDeadline, rateLimitWarnFraction, fallback);
        }
    }
}
