package dev.selfheal.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** The state of an integration's circuit breaker, as events and meters report it. */
public enum BreakerState {
    /** Calls flow; failures are counted. */
    CLOSED,
    /** Calls are refused until the recovery timeout has passed. */
    OPEN,
    /** A few trial calls are let through; success closes, failure opens again. */
    HALF_OPEN,
    /** Opened by hand (a recovery action or an operator); stays open until reset. */
    FORCED_OPEN,
    /** Never opens; nothing is counted. */
    DISABLED,
    /** Never opens; calls are still measured. */
    METRICS_ONLY;

    public static BreakerState of(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> CLOSED;
            case OPEN -> OPEN;
            case HALF_OPEN -> HALF_OPEN;
            case FORCED_OPEN -> FORCED_OPEN;
            case DISABLED -> DISABLED;
            case METRICS_ONLY -> METRICS_ONLY;
        };
    }

    /** True when calls are refused. */
    public boolean refusesCalls() {
        return this == OPEN || this == FORCED_OPEN;
    }
}
