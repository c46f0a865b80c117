package dev.selfheal.bench.guards;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A successful call through fallback(retry(breaker(bulkhead(time limit(call))))), four ways:
 * our guard, the same composition written directly with Resilience4j decorators, Failsafe with
 * equivalent policies, and the bare call. Each also without the time limit ({@code *NoTimeLimit}).
 * How each bounds an attempt differs, and that is most of the difference: Resilience4j's
 * {@code TimeLimiter} needs a {@code Future}, so the attempt hops to a (virtual) thread;
 * Failsafe's {@code Timeout.withInterrupt} runs it on the caller's thread and schedules an
 * interrupt; the guard runs it on the caller's thread under a shared watchdog
 * ({@code TimeLimitWatchdog}) that allocates nothing per attempt.
 *
 * <p>Equivalent policies: breaker of 5 consecutive failures / 60 s, 3 attempts with exponential
 * backoff (1 s, x2, cap 60 s), 25 concurrent calls, 10 s time limit, a constant fallback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardsBenchmark {

    private static final String FALLBACK = "fallback";

    private String payload;
    private Callable<String> call;
    private dev.failsafe.function.CheckedSupplier<String> supplier;
    private ExecutorService executor;

    private GuardRegistry registry;
    private Guard guard;
    private Guard guardNoTimeLimit;

    private Callable<String> resilience4j;
    private Callable<String> resilience4jNoTimeLimit;

    private FailsafeExecutor<String> failsafe;
    private FailsafeExecutor<String> failsafeNoTimeLimit;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new String("result-" + System.nanoTime());
        call = () -> payload;
        supplier = () -> payload;
        executor = Executors.newVirtualThreadPerTaskExecutor();

        registry = GuardRegistry.builder().build();
        guard = registry.register(config("bench").timeLimit(Duration.ofSeconds(10)).build());
        guardNoTimeLimit = registry.register(config("bench-no-time-limit").noTimeLimit().build());

        resilience4j = resilience4j("r4j", call, true);
        resilience4jNoTimeLimit = resilience4j("r4j-no-time-limit", call, false);

        failsafe = failsafe(true);
        failsafeNoTimeLimit = failsafe(false);
    }

    private static GuardConfig.Builder config(String name) {
        return GuardConfig.builder(name)
                .breaker(BreakerSettings.consecutiveFailures(5, Duration.ofSeconds(60)))
                .retry(RetrySettings.builder().maxAttempts(3).initialDelay(Duration.ofSeconds(1)).multiplier(2).maxDelay(Duration.ofSeconds(60)).build())
                .bulkhead(25, Duration.ZERO)
                .fallback(Fallback.degrade("bench"));
    }

    private Callable<String> resilience4j(String name, Callable<String> target, boolean timeLimit) {
        CircuitBreaker breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindow(5, 5, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(Duration.ofSeconds(60))
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
        Retry retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofSeconds(1), 2.0, 1.0, Duration.ofSeconds(60)))
                .build());
        Bulkhead bulkhead = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(25).maxWaitDuration(Duration.ZERO).build());
        Callable<String> inner = target;
        if (timeLimit) {
            TimeLimiter limiter = TimeLimiter.of(name, TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(10)).cancelRunningFuture(true).build());
            inner = TimeLimiter.decorateFutureSupplier(limiter, () -> executor.submit(target));
        }
        return Retry.decorateCallable(retry, CircuitBreaker.decorateCallable(breaker, Bulkhead.decorateCallable(bulkhead, inner)));
    }

    private FailsafeExecutor<String> failsafe(boolean timeLimit) {
        dev.failsafe.Fallback<String> fallback = dev.failsafe.Fallback.of(FALLBACK);
        dev.failsafe.RetryPolicy<String> retry = dev.failsafe.RetryPolicy.<String>builder()
                .withMaxAttempts(3).withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0).withJitter(1.0).build();
        dev.failsafe.CircuitBreaker<String> breaker = dev.failsafe.CircuitBreaker.<String>builder()
                .withFailureThreshold(5).withDelay(Duration.ofSeconds(60)).build();
        dev.failsafe.Bulkhead<String> bulkhead = dev.failsafe.Bulkhead.<String>builder(25).build();
        if (timeLimit) {
            dev.failsafe.Timeout<String> timeout = dev.failsafe.Timeout.<String>builder(Duration.ofSeconds(10)).withInterrupt().build();
            return Failsafe.with(fallback, retry, breaker, bulkhead, timeout);
        }
        return Failsafe.with(fallback, retry, breaker, bulkhead);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
        executor.shutdownNow();
    }

    @Benchmark
    public String guard() {
        return guard.call("op", call);
    }

    @Benchmark
    public String resilience4j() {
        try {
            return resilience4j.call();
        } catch (Exception e) {
            return FALLBACK;
        }
    }

    @Benchmark
    public String failsafe() {
        return failsafe.get(supplier);
    }

    @Benchmark
    public String bare() throws Exception {
        return call.call();
    }

    @Benchmark
    public String guardNoTimeLimit() {
        return guardNoTimeLimit.call("op", call);
    }

    @Benchmark
    public String resilience4jNoTimeLimit() {
        try {
            return resilience4jNoTimeLimit.call();
        } catch (Exception e) {
            return FALLBACK;
        }
    }

    @Benchmark
    public String failsafeNoTimeLimit() {
        return failsafeNoTimeLimit.get(supplier);
    }
}
