package dev.selfheal.demo.orchestrator;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.status.BreakerState;
import dev.selfheal.status.HealthCheckResult;
import java.util.List;

/**
 * The orchestrator's own health, component {@code contexten}: its pipeline is blocked while the
 * breaker of any integration it calls is open (that step of every event is parked instead of
 * done). It depends on the four simulators, and the demo says so in {@code alerting.dependencies}:
 * when a simulator crashes, this check fails too, as a symptom of it.
 */
public final class PipelineHealthCheck implements HealthCheck {

    public static final String COMPONENT = "contexten";

    private final GuardRegistry guards;
    private final List<String> integrations;

    public PipelineHealthCheck(GuardRegistry guards, List<String> integrations) {
        this.guards = guards;
        this.integrations = List.copyOf(integrations);
    }

    @Override
    public HealthCheckResult check() {
        List<String> open = integrations.stream().filter(name -> guards.guard(name).state() == BreakerState.OPEN).toList();
        return open.isEmpty() ? HealthCheckResult.healthy("every integration takes calls")
                : HealthCheckResult.unhealthy("pipeline blocked: the breaker of %s is open, its steps are parked".formatted(String.join(", ", open)));
    }
}
