package dev.selfheal.alerting;

import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pipeline on a virtual clock with recording receivers; channels run on the calling thread. */
public final class PipelineFixture {

    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z"); // a Monday, in business hours

    public final VirtualScheduler clock = new VirtualScheduler(T0);
    public final EventBus bus = new EventBus();
    public final InMemoryAlertStore store = new InMemoryAlertStore();
    public final Map<String, RecordingChannel> channels = new LinkedHashMap<>();
    public final List<SelfHealEvent> events = new ArrayList<>();
    public IntelligentAlertManager alerts;

    public PipelineFixture() {
        bus.subscribe(SelfHealEvent.class, events::add);
    }

    public RecordingChannel channel(String name) {
        return channels.computeIfAbsent(name, n -> new RecordingChannel());
    }

    /** Receivers named by {@code names}, all recording; {@code customize} edits the builder. */
    public IntelligentAlertManager build(RouteTree routes, java.util.function.Consumer<IntelligentAlertManager.Builder> customize,
                                         Receiver... extra) {
        Map<String, Receiver> receivers = new LinkedHashMap<>();
        for (Receiver r : extra) {
            receivers.put(r.name(), r);
        }
        for (String name : routes.receivers()) {
            receivers.computeIfAbsent(name, n -> Receiver.of(n, channel(n)));
        }
        Dispatcher dispatcher = new Dispatcher(clock, Runnable::run, receivers, Dispatcher.Settings.DEFAULT);
        IntelligentAlertManager.Builder b = IntelligentAlertManager.builder(clock, bus, store, routes, dispatcher);
        customize.accept(b);
        alerts = b.build().start();
        return alerts;
    }

    public IntelligentAlertManager build(RouteTree routes) {
        return build(routes, b -> { });
    }

    public IntelligentAlertManager buildDefault() {
        return build(RouteTree.single("team"));
    }

    public Decision fire(String component, String type, AlertSeverity severity) {
        return alerts.process(AlertSignal.firing(component, type, severity, component + " " + type, clock.now()));
    }

    public Decision fire(String component, String type, AlertSeverity severity, String incidentId) {
        return alerts.process(AlertSignal.firing(component, type, severity, component + " " + type, clock.now()).withIncident(incidentId));
    }

    public Decision resolve(String component, String type) {
        return alerts.process(new AlertSignal(component, type, Map.of(), Optional.empty(), "", Optional.empty(), false, clock.now()));
    }

    public void incident(String id, String component, IncidentState state) {
        alerts.incidents().update(id, component, state);
    }

    public void advance(Duration d) {
        clock.advance(d);
    }

    public Alert only(String component) {
        return alerts.open().stream().filter(a -> a.component().equals(component)).findFirst().orElseThrow();
    }

    public static IntelligentAlertManager.Builder noop(IntelligentAlertManager.Builder b) {
        return b;
    }

    public static java.util.function.Consumer<IntelligentAlertManager.Builder> with(DependencyGraph graph) {
        return b -> b.dependencies(graph);
    }

    public static java.util.function.Consumer<IntelligentAlertManager.Builder> with(List<MaintenanceWindow> windows) {
        return b -> b.maintenance(windows);
    }
}
