// Longer than 400 lines on purpose: the call composition, its time limit and its fallback are
// one path read top to bottom; the breaker's transitions (PublishedBreaker), the retry waits
// (RetryWaits) and the messaging face (Outbox) live in their own classes.
package dev.selfheal.resilience;

import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.RateLimitLow;
import dev.selfheal.resilience.budget.RetryBudget;
import dev.selfheal.resilience.fallback.LastGoodValues;
import dev.selfheal.resilience.ratelimit.RateLimitHeaders;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.resilience.ratelimit.RateLimitTracker;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.resilience.retry.RetryClassifier;
import dev.selfheal.resilience.retry.RetryStrategy;
import dev.selfheal.status.BreakerState;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard around every call to one integration:
 * {@code fallback(retry(breaker(bulkhead(timeLimit(call)))))}.
 *
 * <p>Read from the outside in: the <b>fallback</b> answers when nothing else worked; the
 * <b>retry</b> repeats a retryable failure (each repeat is checked against the retry budget
 * and, for rate limits, against the caller's deadline); the <b>breaker</b> sees every attempt,
 * so three failed attempts count as three failures; the <b>bulkhead</b> bounds concurrent
 * attempts and is not held during a retry's wait; the <b>time limit</b> bounds one attempt.
 *
 * <p>Why it is shaped this way: the composition is made of Resilience4j's primitives
 * ({@code Retry.Context}, {@code CircuitBreaker.acquirePermission/onSuccess/onError},
 * {@code Bulkhead.acquirePermission/onComplete}, {@code TimeLimiter.onSuccess/onError}), called
 * in the order their decorators would call them, rather than nested decorator lambdas: the
 * call path then allocates nothing beyond what Resilience4j itself needs (the retry context),
 * which the bench measures. Retry waits come from {@link RetryWaits}, a Resilience4j
 * {@link IntervalBiFunction}; the breaker's transitions are published by {@link PublishedBreaker};
 * messages go through the guard's {@link Outbox}.
 */
public final class Guard {

    private static final Logger log = LoggerFactory.getLogger(Guard.class);

    private final GuardConfig config;
    private final String name;
    /** The registry this guard belongs to, named in its breaker events. */
    private final String registryId;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final long timeLimitNanos;
    private final long defaultDeadlineNanos;
    private final TimeLimitWatchdog watchdog;
    private final RetryBudget budget;
    private final RetryStrategy strategy;
    private final RetryWaits waits;
    private final RetryClassifier classifier;
    private final RateLimitTracker rateLimits;
    private final LastGoodValues lastGood;
    private final Outbox outbox;
    private final GuardMetrics metrics;
    private final EventBus bus;
    private final Scheduler time;
    private final Sleeper sleeper;
    /** The breaker, stepped by the composition, each transition published (events, metrics, log). */
    private final PublishedBreaker steps;
    /**
     * False from a {@link #reset()} until a call succeeds again: a reset closes the breaker but
     * proves nothing about the integration, so the guard's health check says so meanwhile (and
     * a recovery that only reset the breaker is not verified by its own reset).
     */
    private volatile boolean provenSinceReset = true;
    /**
     * {@link RateLimitTracker#heldUntilMillis()} as of the last rate-limit observation, kept on the
     * guard itself: the call path reads it on every call, and a field of this object (whose cache
     * line the call path reads anyway) costs nothing, where the tracker's could share a line with
     * state other threads write on every call. A hint only: two observations racing may leave
     * it stale, and the tracker decides (a stale hold costs one look at it, a stale lift one call).
     */
    private volatile long rateLimitHeldUntilMillis;

    Guard(String registryId, GuardConfig config, Scheduler time, EventBus bus, MeterRegistry meters, OutboxStore outboxStore,
          TimeLimitWatchdog watchdog, Executor replayExecutor, Sleeper sleeper, RandomGenerator random) {
        this.config = config;
        this.registryId = registryId;
        this.name = config.integration();
        this.time = time;
        this.bus = bus;
        this.sleeper = sleeper;
        this.watchdog = watchdog;
        this.breaker = CircuitBreaker.of(name,
                config.breaker().toResilience4j(time.clock().withZone(ZoneOffset.UTC), time::nanoTime));
        this.classifier = config.retry().classifier();
        this.strategy = config.retry().newStrategy(random);
        this.budget = new RetryBudget(config.retryBudget(), time::nanoTime);
        this.waits = new RetryWaits(name, strategy, budget, time, this::budgetRefused);
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(config.retry().maxAttempts())
                .retryOnException(classifier)
                .intervalBiFunction(waits)
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(config.maxConcurrentCalls())
                .maxWaitDuration(config.bulkheadMaxWait())
                .writableStackTraceEnabled(false)
                .build());
        this.timeLimiter = config.timeLimit()
                .map(limit -> TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build()))
                .orElse(null);
        this.timeLimitNanos = config.timeLimit().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        this.defaultDeadlineNanos = config.defaultDeadline().toNanos();
        this.rateLimits = new RateLimitTracker(config.rateLimitWarnFraction(), time.clock(), this::rateLimitLow);
        this.lastGood = config.fallback() instanceof Fallback.LastGoodValue lg
                ? new LastGoodValues(lg.maxEntries(), lg.maxAge(), time::nanoTime) : null;
        this.outbox = new Outbox(this, config, outboxStore, replayExecutor, bus, time);
        this.metrics = new GuardMetrics(meters, name, breaker, retry, outbox.parkedCounter());
        this.steps = new PublishedBreaker(breaker, new PublishedBreaker.Listener() {
            @Override
            public void transitioned(BreakerState from, BreakerState to) {
                onTransition(from, to);
            }

            @Override
            public void closed() {
                outbox.breakerClosed();
            }
        });
    }

    // ---------------------------------------------------------------- calls

    /**
     * Calls {@code call} through the guard and returns its value. When the integration cannot
     * take it, a "last good value" fallback answers with the last value of {@code operation};
     * a "degrade" fallback throws {@link FeatureDegradedException}; otherwise the
     * {@link GuardException} that says why is thrown.
     *
     * @param operation names what is called ("list_issues"); the last good value is kept per operation
     */
    public <T> T call(String operation, Callable<T> call) {
        try {
            T value = invoke(call, defaultDeadlineNanos);
            if (lastGood != null) {
                lastGood.remember(operation, value);
            }
            return value;
        } catch (GuardException e) {
            Outcome<T> outcome = fallback(operation, e);
            return switch (outcome) {
                case Outcome.Live<T> live -> live.value();
                case Outcome.LastGood<T> good -> good.value();
                case Outcome.Degraded<T> degraded -> throw new FeatureDegradedException(name, degraded.feature(), e);
            };
        }
    }

    /** As {@link #call(String, Callable)}, but says where the answer came from instead of throwing for a fallback. */
    public <T> Outcome<T> execute(String operation, Callable<T> call) {
        return execute(operation, config.defaultDeadline(), call);
    }

    /**
     * As {@link #execute(String, Callable)}, within {@code deadline}: a rate limit that asks for a
     * longer wait than what is left of it fails fast with {@link RateLimitedException}.
     */
    public <T> Outcome<T> execute(String operation, Duration deadline, Callable<T> call) {
        DurationChecks.positive(deadline, "deadline for a call to %s", name);
        try {
            T value = invoke(call, deadline.toNanos());
            if (lastGood != null) {
                lastGood.remember(operation, value);
            }
            return new Outcome.Live<>(value);
        } catch (GuardException e) {
            return fallback(operation, e);
        }
    }

    /** One message through the guard: fallback aside, the composition every call gets. */
    void deliver(MessageHandler handler, OutboundMessage message) {
        invoke(() -> {
            handler.deliver(message);
            return null;
        }, defaultDeadlineNanos);
    }

    /** Lets the guard see the rate-limit headers of a successful response (clients call it on every response). */
    public void observeRateLimit(Map<String, List<String>> headers) {
        rateLimits.observe(RateLimitHeaders.parse(headers, time.clock().instant()));
        rateLimitHeldUntilMillis = rateLimits.heldUntilMillis();
    }

    // ---------------------------------------------------------------- the composition

    private <T> T invoke(Callable<T> call, long deadlineNanos) {
        if (rateLimitHeldUntilMillis != 0L) {
            waitOutRateLimit(deadlineNanos);
        }
        // One clock read serves the budget, the deadline and the first attempt's duration:
        // System.nanoTime is not free on every machine (about 50 ns on some VMs).
        long startNanos = time.nanoTime();
        budget.recordCallAt(startNanos);
        Retry.Context<T> context = retry.context();
        RetryWaits.FailedCall failed = null;
        Exception lastError = null;
        for (int attempt = 1; ; attempt++) {
            try {
                T value = attempt(call, attempt == 1 ? startNanos : time.nanoTime());
                context.onComplete(); // also counts the success (GuardMetrics reads the Retry's count)
                if (lastError != null) {
                    strategy.recordSuccess(lastError, failed.delay);
                }
                if (!provenSinceReset) {
                    provenSinceReset = true;
                }
                return value;
            } catch (Exception error) {
                lastError = error;
                if (failed == null) {
                    failed = new RetryWaits.FailedCall(startNanos + deadlineNanos);
                }
                observeRateLimit(error);
                try {
                    waits.decide(context, failed, error);
                } catch (Exception gaveUp) {
                    throw failure(failed, error, attempt);
                }
                metrics.retries.increment();
                log.debug("event=retry integration={} attempt={} delay_ms={} error=\"{}\"", name, attempt, failed.delay.toMillis(), error.toString());
                try {
                    sleeper.sleep(failed.delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    metrics.failure.increment();
                    throw new CallFailedException(name, attempt, interrupted);
                }
            }
        }
    }

    /**
     * breaker(bulkhead(timeLimit(call))), as CircuitBreaker/Bulkhead.decorateCallable would run
     * it. Durations are measured on the guard's monotonic clock, which is also the breaker's
     * timestamp function (see {@link BreakerSettings#toResilience4j}).
     */
    private <T> T attempt(Callable<T> call, long start) throws Exception {
        steps.acquirePermission();
        try {
            bulkhead.acquirePermission();
            T value;
            try {
                value = timeLimiter == null ? call.call() : timeLimited(call);
            } finally {
                bulkhead.onComplete();
            }
            steps.onSuccess(time.nanoTime() - start);
            return value;
        } catch (Exception e) {
            steps.onError(time.nanoTime() - start, e);
            throw e;
        }
    }

    /**
     * The attempt on the caller's thread, watched by the {@link TimeLimitWatchdog}: interrupted
     * at its deadline, and a timeout however it ends once the deadline has passed. Each
     * outcome is reported to the Resilience4j {@link TimeLimiter}, as its decorators would.
     */
    private <T> T timeLimited(Callable<T> call) throws Exception {
        TimeLimitWatchdog.Slot watch = watchdog.begin(timeLimitNanos);
        T value;
        try {
            value = call.call();
        } catch (Throwable error) {
            if (watch.end()) {
                throw timedOut(error);
            }
            timeLimiter.onError(error);
            throw error;
        }
        if (watch.end()) {
            throw timedOut(null);
        }
        timeLimiter.onSuccess();
        return value;
    }

    private TimeoutException timedOut(Throwable whatTheCallThrew) {
        TimeoutException timeout = new TimeoutException("call to %s exceeded its time limit of %s".formatted(name, config.timeLimit().orElseThrow()));
        if (whatTheCallThrew != null) {
            timeout.addSuppressed(whatTheCallThrew); // the timeout stays the root cause: it is what happened
        }
        timeLimiter.onError(timeout);
        return timeout;
    }

    private GuardException failure(RetryWaits.FailedCall failed, Exception error, int attempts) {
        if (error instanceof CallNotPermittedException) {
            metrics.rejected.increment();
            return new CallRejectedException(name, CallRejectedException.Reason.BREAKER_OPEN, error);
        }
        if (error instanceof BulkheadFullException) {
            metrics.rejected.increment();
            return new CallRejectedException(name, CallRejectedException.Reason.BULKHEAD_FULL, error);
        }
        metrics.failure.increment();
        if (failed.refusal == RetryWaits.Refusal.BUDGET) {
            return new RetryBudgetExhaustedException(name, attempts, error);
        }
        if (failed.refusal == RetryWaits.Refusal.RATE_LIMIT_BEYOND_DEADLINE) {
            return new RateLimitedException(name, attempts, failed.requiredWait, failed.deadlineLeft, error);
        }
        if (classifier.test(error) && attempts >= config.retry().maxAttempts()) {
            return new RetriesExhaustedException(name, attempts, error);
        }
        return new CallFailedException(name, attempts, error);
    }

    /**
     * The integration asked not to be called before a time (a spent quota, Retry-After): wait
     * for it when the deadline allows, else fail fast without calling (the outbox fallback
     * parks the call). Sending it anyway would spend a request to be told the same again.
     */
    private void waitOutRateLimit(long deadlineNanos) {
        Optional<Duration> left = rateLimits.holdLeft();
        if (left.isEmpty()) {
            return;
        }
        if (left.get().toNanos() > deadlineNanos) {
            metrics.failure.increment();
            throw new RateLimitedException(name, 0, left.get(), Duration.ofNanos(deadlineNanos), null);
        }
        try {
            sleeper.sleep(left.get());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            metrics.failure.increment();
            throw new CallFailedException(name, 0, interrupted);
        }
    }

    private void observeRateLimit(Throwable error) {
        HttpStatusException http = RetryWaits.httpCause(error);
        if (http != null) {
            rateLimits.observe(RateLimitHeaders.parse(http.headers(), time.clock().instant()));
            rateLimitHeldUntilMillis = rateLimits.heldUntilMillis();
        }
    }

    // ---------------------------------------------------------------- fallbacks

    /** Breaker open, bulkhead full, retries exhausted, budget spent, rate limited: yes. Not retryable: no. */
    static boolean fallsBack(GuardException e) {
        return e instanceof CallRejectedException || e instanceof RetriesExhaustedException
                || e instanceof RetryBudgetExhaustedException || e instanceof RateLimitedException;
    }

    @SuppressWarnings("unchecked")
    private <T> Outcome<T> fallback(String operation, GuardException e) {
        if (!fallsBack(e)) {
            throw e;
        }
        switch (config.fallback()) {
            case Fallback.LastGoodValue ignored -> {
                Optional<LastGoodValues.Aged> good = lastGood.recall(operation);
                if (good.isPresent()) {
                    metrics.fallback.increment();
                    log.info("event=fallback_last_good integration={} operation={} age_ms={} reason=\"{}\"",
                            name, operation, good.get().age().toMillis(), e.getMessage());
                    return new Outcome.LastGood<>((T) good.get().value(), good.get().age(), e);
                }
                throw e;
            }
            case Fallback.Degrade degrade -> {
                metrics.fallback.increment();
                log.info("event=fallback_degrade integration={} feature={} reason=\"{}\"", name, degrade.feature(), e.getMessage());
                return new Outcome.Degraded<>(degrade.feature(), e);
            }
            case Fallback.Outbox ignored -> throw e;
            case Fallback.None ignored -> throw e;
        }
    }

    // ---------------------------------------------------------------- breaker control and state

    private void onTransition(BreakerState from, BreakerState to) {
        metrics.transition(from, to);
        if (to.refusesCalls()) {
            log.warn("event=breaker_transition integration={} from={} to={}", name, from, to);
        } else {
            log.info("event=breaker_transition integration={} from={} to={}", name, from, to);
        }
        bus.publish(new BreakerStateChanged(name, registryId, from, to, time.clock().instant()));
    }

    private void rateLimitLow(RateLimitInfo info) {
        long remaining = info.remaining().orElse(0);
        long limit = info.limit().orElse(0);
        log.warn("event=rate_limit_low integration={} remaining={} limit={} reset_at={}", name, remaining, limit, info.resetAt().orElse(null));
        bus.publish(new RateLimitLow(name, remaining, limit, info.resetAt(), time.clock().instant()));
    }

    /** Opens the breaker until {@link #reset()} (a recovery action taking the integration out). */
    public void forceOpen() {
        steps.forceOpen();
    }

    /**
     * Closes the breaker and forgets its counts (a recovery action putting the integration back).
     * Until a call succeeds, {@link #untestedSinceReset()} is true.
     */
    public void reset() {
        provenSinceReset = false;
        steps.reset();
    }

    /** True from a {@link #reset()} until a call through this guard succeeds. */
    public boolean untestedSinceReset() {
        return !provenSinceReset;
    }

    public BreakerState state() {
        return BreakerState.of(breaker.getState());
    }

    public String integration() {
        return name;
    }

    public GuardConfig config() {
        return config;
    }

    /** Calls parked in the outbox and not yet delivered. */
    public long parkedCount() {
        return outbox.parkedCount();
    }

    /** The messaging face: messages sent through registered handlers, parked and replayed with the outbox fallback. */
    public Outbox outbox() {
        return outbox;
    }

    /** Shutdown, step one: see {@link Outbox#stopReplays()}. */
    void stopReplays() {
        outbox.stopReplays();
    }

    /** Shutdown, step two: see {@link Outbox#awaitReplays(long)}. */
    boolean awaitReplays(long deadlineNanos) {
        return outbox.awaitReplays(deadlineNanos);
    }

    boolean breakerClosed() {
        return steps.isClosed();
    }

    private void budgetRefused() {
        metrics.budgetRefusals.increment();
    }

    void countFallback() {
        metrics.fallback.increment();
    }

    /** Retries refused by the budget since start. */
    public long budgetRefusals() {
        return budget.refusals();
    }

    /** Retries the budget would grant now. */
    public long retryBudgetLeft() {
        return budget.available();
    }

    /** Retries the budget granted since start. */
    public long retriesGranted() {
        return budget.granted();
    }

    public RateLimitInfo rateLimit() {
        return rateLimits.latest();
    }

    public boolean isNearRateLimit() {
        return rateLimits.isNearLimit();
    }

    /** How long the integration has still asked not to be called (a spent quota, Retry-After), if it has. */
    public Optional<Duration> rateLimitHold() {
        return rateLimits.holdLeft();
    }

    /** The Resilience4j breaker, for metrics binders and tests; drive it through this class. */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    public Retry retry() {
        return retry;
    }

    public Bulkhead bulkhead() {
        return bulkhead;
    }
}
