package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.incident.lifecycle.IncidentManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * selfheal's own state as Actuator's {@code selfheal} contributor. Open incidents and degradation
 * are details, never DOWN: the loop is already healing them, and a DOWN here would make an
 * orchestrator kill the pod that is healing itself. DOWN only when the loop itself is not running
 * (its start failed, or it was stopped); UNKNOWN, which does not lower the application's
 * aggregate status, during the first seconds while its store opens. (The lifecycle comes through
 * a provider: the loop's checks read the contributor registry this indicator is part of.)
 */
final class SelfHealHealthIndicator implements HealthIndicator {

    private final ObjectProvider<SelfHealLifecycle> lifecycle;
    private final ObjectProvider<IncidentManager> incidents;
    private final DegradationManager degradation;

    SelfHealHealthIndicator(ObjectProvider<SelfHealLifecycle> lifecycle, ObjectProvider<IncidentManager> incidents,
                            DegradationManager degradation) {
        this.lifecycle = lifecycle;
        this.incidents = incidents;
        this.degradation = degradation;
    }

    @Override
    public Health health() {
        SelfHealLifecycle loop = lifecycle.getIfAvailable();
        SelfHealLifecycle.State state = loop == null ? SelfHealLifecycle.State.STOPPED : loop.state();
        Health.Builder builder = switch (state) {
            case RUNNING -> Health.up().withDetail("open_incidents", incidents.getObject().unresolved().size());
            case STARTING -> Health.unknown().withDetail("loop", "starting");
            case FAILED -> Health.down().withDetail("loop", "failed to start: " + loop.failure().orElse("?"));
            case STOPPED -> Health.down().withDetail("loop", "not running");
        };
        return builder.withDetail("degradation_level", degradation.level().number()).build();
    }
}
