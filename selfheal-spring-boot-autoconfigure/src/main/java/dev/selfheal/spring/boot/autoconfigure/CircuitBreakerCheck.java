package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;

/** A Resilience4j breaker as a check: OPEN and FORCED_OPEN are unhealthy, HALF_OPEN degraded, the rest healthy. */
final class CircuitBreakerCheck implements HealthCheck {

    private final CircuitBreaker breaker;

    CircuitBreakerCheck(CircuitBreaker breaker) {
        this.breaker = breaker;
    }

    @Override
    public HealthCheckResult check() {
        CircuitBreaker.State state = breaker.getState();
        CircuitBreaker.Metrics m = breaker.getMetrics();
        Map<String, Object> details = Map.of(
                "state", state.name(),
                "failure_rate", m.getFailureRate(),
                "not_permitted_calls", m.getNumberOfNotPermittedCalls());
        String message = "breaker %s (failure rate %.0f %%)".formatted(state, Math.max(0, m.getFailureRate()));
        return switch (state) {
            case OPEN, FORCED_OPEN -> HealthCheckResult.unhealthy(message).withDetails(details);
            case HALF_OPEN -> HealthCheckResult.degraded(message).withDetails(details);
            default -> HealthCheckResult.healthy(message).withDetails(details);
        };
    }
}
