package dev.selfheal.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicLong;

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
    final Counter success;
    final Counter failure;
    final Counter rejected;
    final Counter fallback;
    final Counter retries;
    final Counter budgetRefusals;

    GuardMetrics(MeterRegistry registry, String integration, CircuitBreaker breaker, AtomicLong parked) {
        this.registry = registry;
        this.tags = Tags.of("integration", integration);
        this.success = calls("success");
        this.failure = calls("failure");
        this.rejected = calls("rejected");
        this.fallback = calls("fallback");
        this.retries = Counter.builder(RETRIES).description("Retries made (first attempts excluded)").tags(tags).register(registry);
        this.budgetRefusals = Counter.builder(BUDGET_REFUSALS)
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

    private Counter calls(String outcome) {
        return Counter.builder(CALLS).description("Guarded calls by outcome").tags(tags).tag("outcome", outcome).register(registry);
    }

    void transition(BreakerState from, BreakerState to) {
        Counter.builder(BREAKER_TRANSITIONS).description("Breaker state transitions")
                .tags(tags).tag("from", from.name().toLowerCase(java.util.Locale.ROOT)).tag("to", to.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }
}
