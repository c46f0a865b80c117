package dev.selfheal.alerting;

import java.time.Instant;

/** Alerts for the unit tests of the pipeline's parts: raised as the manager raises them. */
final class TestAlerts {

    private TestAlerts() {
    }

    static Alert alert(String component, String type, AlertSeverity severity, Instant at) {
        return Alert.raised(AlertSignal.firing(component, type, severity, component + " " + type, at), severity, Urgency.HIGH, at);
    }

    static Alert incidentAlert(String component, String type, AlertSeverity severity, String incidentId, Instant at) {
        AlertSignal s = AlertSignal.firing(component, type, severity, component + " " + type, at).withIncident(incidentId);
        return Alert.raised(s, severity, Urgency.HIGH, at);
    }
}
