package dev.selfheal.resilience;

import dev.selfheal.status.BreakerState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of one guard, resolved once so that the call path only increments. Names are
 * Micrometer's dotted form; Prometheus shows {@code selfheal.breaker.transitions} as
 * {@code selfheal_breaker_transitions_total}, and so on.
 */
final class GuardMetrics {

    static final String BREAKER_STATE = "selfheal.breaker.state";
    static final String BREAKER_TRANSITIONS = "selfheal.breaker.transitions";
    static final String CALLS = "selfheal.guard.calls";
    static final String RETRIES = "selfheal.guard.retries";
    static final String BUDGET_REFUSALS = "selfheal.guard.retry.budget.refusals";
    static final String OUTBOX_SIZE = "selfheal.outbox.size";

    private final MeterRegistry registry;
    private final Tags tags;
    // Adders read by FunctionCounters: the call path pays one uncontended add, nothing more.
    // Successes have none of their own: the guard's Retry already counts each one (its context's
    // onComplete, which every successful call runs once), and a second add per call is measurable.
    final LongAdder failure = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder fallback = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder budgetRefusals = new LongAdder();

    GuardMetrics(MeterRegistry registry, String integration, CircuitBreaker breaker, Retry retry, AtomicLong parked) {
        this.registry = registry;
        this.tags = Tags.of("integration", integration);
        FunctionCounter.builder(CALLS, retry.getMetrics(), GuardMetrics::successes).description("Guarded calls by outcome")
                .tags(tags).tag("outcome", "success").register(registry);
        calls("failure", failure);
        calls("rejected", rejected);
        calls("fallback", fallback);
        FunctionCounter.builder(RETRIES, retries, LongAdder::sum).description("Retries made (first attempts excluded)").tags(tags).register(registry);
        FunctionCounter.builder(BUDGET_REFUSALS, budgetRefusals, LongAdder::sum)
                .description("Retries refused because the retry budget was spent").tags(tags).register(registry);
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder(BREAKER_STATE, breaker, b -> BreakerState.of(b.getState()) == state ? 1 : 0)
                    .description("1 for the breaker's current state, 0 for the others")
                    .tags(tags).tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(OUTBOX_SIZE, parked, AtomicLong::get)
                .description("Calls parked in the outbox, waiting for replay").tags(tags).register(registry);
    }

    /** Successful calls: the Retry's successes with and without a retry before them. */
    static double successes(Retry.Metrics retryMetrics) {
        return retryMetrics.getNumberOfSuccessfulCallsWithoutRetryAttempt() + retryMetrics.getNumberOfSuccessfulCallsWithRetryAttempt();
    }

    private void calls(String outcome, LongAdder adder) {
        FunctionCounter.builder(CALLS, adder, LongAdder::sum).description("Guarded calls by outcome")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    void transition(BreakerState from, BreakerState to) {
        Counter.builder(BREAKER_TRANSITIONS).description("Breaker state transitions")
                .tags(tags).tag("from", from.name().toLowerCase(java.util.Locale.ROOT)).tag("to", to.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }
}
