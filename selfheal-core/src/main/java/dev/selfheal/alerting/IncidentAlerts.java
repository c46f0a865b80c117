package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.SeverityRules;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentEscalated;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the alert pipeline into the healing loop: an incident opening raises its alert, a
 * state change is tracked (healing awareness, inhibition), an escalation releases a held
 * alert at once, and a resolution, by hand or by healing, resolves the incident's alerts (one
 * resolved notice to everyone who was told).
 *
 * <p>The alert's stated severity is {@link dev.selfheal.alerting.rules.SeverityRules#incidentSeverity}:
 * the problem type's default, lowered by a milder problem, a CRITICAL problem always at least
 * critical. A problem from Prometheus Alertmanager (source {@value #ALERTMANAGER_SOURCE}) keeps the
 * severity its {@code severity} label gave it.
 */
public final class IncidentAlerts implements AutoCloseable {

    /** The source of problems the Alertmanager ingest reports; their stated severity is kept. */
    public static final String ALERTMANAGER_SOURCE = "alertmanager";

    private final IntelligentAlertManager alerts;
    private final List<EventBus.Subscription> subscriptions;

    public IncidentAlerts(EventBus bus, IntelligentAlertManager alerts) {
        this.alerts = alerts;
        this.subscriptions = List.of(
                bus.subscribe(IncidentOpened.class, this::opened),
                bus.subscribe(IncidentStateChanged.class, this::changed),
                bus.subscribe(IncidentEscalated.class, this::escalated));
    }

    /**
     * The signal an incident's problem raises: the problem's own labels (an Alertmanager alert's,
     * so that routes and silences on {@code team=} match) and {@code source}; severity from the type's
     * default under {@code rules}, unless the problem came from Alertmanager with its own.
     */
    public static AlertSignal signalOf(String incidentId, Problem p, SeverityRules rules) {
        AlertSeverity severity = p.source().equals(ALERTMANAGER_SOURCE) ? AlertSeverity.of(p.severity())
                : rules.incidentSeverity(p.type().name(), p.severity());
        Map<String, String> labels = new java.util.LinkedHashMap<>(p.labels());
        labels.put("source", p.source());
        return new AlertSignal(p.component(), p.type().name(), Map.copyOf(labels),
                Optional.of(severity), p.evidence(), Optional.of(incidentId), true, p.at());
    }

    private void opened(IncidentOpened e) {
        alerts.incidents().update(e.incidentId(), e.component(), IncidentState.OPEN);
        alerts.process(signalOf(e.incidentId(), e.problem(), alerts.severityRules()));
    }

    private void changed(IncidentStateChanged e) {
        alerts.incidents().update(e.incidentId(), e.component(), e.to());
        if (e.to() == IncidentState.RESOLVED) {
            alerts.resolveIncident(e.incidentId(), "incident resolved: " + e.reason());
        } else if (e.to() == IncidentState.ESCALATED) {
            alerts.reevaluateHeld();
        }
    }

    private void escalated(IncidentEscalated e) {
        alerts.incidents().update(e.incidentId(), e.component(), IncidentState.ESCALATED);
        alerts.reevaluateHeld();
    }

    @Override
    public void close() {
        subscriptions.forEach(EventBus.Subscription::close);
    }
}
