package dev.selfheal.server.metrics;

import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.lifecycle.IncidentManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * The healing loop's series: {@code selfheal_incidents_open}, {@code selfheal_incidents_total{state}}
 * (incidents entering each state: {@code open} when opened, then every transition),
 * {@code selfheal_recovery_steps_total{action,outcome}} and {@code selfheal_degradation_level}.
 */
public final class HealingMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<AutoCloseable> subscriptions;

    public HealingMetrics(MeterRegistry registry, EventBus bus, IncidentManager incidents, DegradationManager degradation) {
        this.registry = registry;
        Gauge.builder("selfheal.incidents.open", incidents, m -> m.unresolved().size())
                .description("Incidents not resolved (open, mitigating or escalated)").register(registry);
        Gauge.builder("selfheal.degradation.level", degradation, d -> d.level().number())
                .description("Degradation level: 0 full service .. 4 maintenance mode").register(registry);
        for (IncidentState state : IncidentState.values()) {
            incidentsTotal(state); // every series exists from the start
        }
        subscriptions = List.of(
                bus.subscribe(IncidentOpened.class, e -> incidentsTotal(IncidentState.OPEN).increment()),
                bus.subscribe(IncidentStateChanged.class, e -> incidentsTotal(e.to()).increment()),
                bus.subscribe(RecoveryStepEnded.class, e -> Counter.builder("selfheal.recovery.steps")
                        .tags("action", e.action(), "outcome", e.outcome().toLowerCase(Locale.ROOT))
                        .description("Recovery steps by action and outcome").register(registry).increment()));
    }

    private Counter incidentsTotal(IncidentState state) {
        return Counter.builder("selfheal.incidents").tag("state", state.name().toLowerCase(Locale.ROOT))
                .description("Incidents entering each state").register(registry);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable s : subscriptions) {
            s.close();
        }
    }
}
