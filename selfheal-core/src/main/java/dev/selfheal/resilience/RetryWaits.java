package dev.selfheal.resilience;

import dev.selfheal.resilience.budget.RetryBudget;
import dev.selfheal.resilience.ratelimit.RateLimitHeaders;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.resilience.retry.RetryStrategy;
import dev.selfheal.time.Scheduler;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a guard waits before a retry, and whether it may retry at all: the Resilience4j
 * interval function of the guard's {@code Retry}. The wait is the rate-limit wait when the
 * failure carries one (refused when it is longer than what is left of the caller's deadline),
 * else the strategy's delay; either must also fit the retry budget. The guard does the waiting
 * itself (through its {@code Sleeper}, so tests run on virtual time) and tells Resilience4j to
 * wait 0; the per-call facts (the deadline) reach the function through a thread-local that is
 * set only while {@link #decide} hands a failure to Resilience4j.
 */
final class RetryWaits implements IntervalBiFunction<Object> {

    private static final Logger log = LoggerFactory.getLogger(RetryWaits.class);
    private static final ThreadLocal<FailedCall> HANDLING = new ThreadLocal<>();

    /** Why a retry was refused. */
    enum Refusal { BUDGET, RATE_LIMIT_BEYOND_DEADLINE }

    /** What the interval function decided about one failure of one call. */
    static final class FailedCall {
        final long deadlineNanos;
        Duration delay = Duration.ZERO;
        Refusal refusal;
        Duration requiredWait = Duration.ZERO;
        Duration deadlineLeft = Duration.ZERO;

        FailedCall(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }
    }

    private final String name;
    private final RetryStrategy strategy;
    private final RetryBudget budget;
    private final Scheduler time;
    private final Runnable budgetRefused;

    RetryWaits(String name, RetryStrategy strategy, RetryBudget budget, Scheduler time, Runnable budgetRefused) {
        this.name = name;
        this.strategy = strategy;
        this.budget = budget;
        this.time = time;
        this.budgetRefused = budgetRefused;
    }

    /**
     * Hands one failure to Resilience4j's retry context: it returns when a retry may follow
     * ({@code failed.delay} says after how long) and throws when the call gives up
     * ({@code failed.refusal} says why, when a refusal was the reason).
     */
    void decide(Retry.Context<?> context, FailedCall failed, Exception error) throws Exception {
        failed.refusal = null;
        HANDLING.set(failed);
        try {
            context.onError(error);
        } finally {
            HANDLING.remove();
        }
    }

    @Override
    public Long apply(Integer attemptsMade, Either<Throwable, Object> outcome) {
        Throwable error = outcome != null && outcome.isLeft() ? outcome.getLeft() : null;
        FailedCall failed = HANDLING.get();
        Optional<Duration> rateLimitWait = rateLimitWait(error);
        Duration delay;
        if (rateLimitWait.isPresent()) {
            delay = rateLimitWait.get();
            if (failed != null) {
                long left = failed.deadlineNanos - time.nanoTime();
                if (delay.toNanos() > left) {
                    failed.refusal = Refusal.RATE_LIMIT_BEYOND_DEADLINE;
                    failed.requiredWait = delay;
                    failed.deadlineLeft = Duration.ofNanos(Math.max(0, left));
                    return -1L; // Resilience4j stops retrying and rethrows the failure
                }
            }
        } else {
            delay = strategy.delay(attemptsMade - 1, error);
        }
        if (!budget.tryAcquireRetry()) {
            budgetRefused.run();
            log.info("event=retry_budget_refused integration={} refusals={}", name, budget.refusals());
            if (failed != null) {
                failed.refusal = Refusal.BUDGET;
            }
            return -1L;
        }
        if (failed == null) {
            return delay.toMillis(); // used outside a guard: let Resilience4j wait
        }
        failed.delay = delay;
        return 0L;
    }

    private Optional<Duration> rateLimitWait(Throwable error) {
        HttpStatusException http = httpCause(error);
        if (http == null) {
            return Optional.empty();
        }
        return RateLimitHeaders.parse(http.headers(), time.clock().instant()).requiredWait(time.clock().instant());
    }

    /** The HTTP status failure in an error's causes, if any (eight deep at most). */
    static HttpStatusException httpCause(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (t instanceof HttpStatusException http) {
                return http;
            }
        }
        return null;
    }
}
