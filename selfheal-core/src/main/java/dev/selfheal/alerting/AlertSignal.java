package dev.selfheal.alerting;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One raw alert as it enters the pipeline: something fired or resolved. Incident events,
 * external alerts and tests all become signals.
 *
 * @param severity empty: the rules pick one (from the problem type, degradation, business hours)
 * @param incidentId the incident it is about, if any (healing awareness and resolution use it)
 */
public record AlertSignal(String component, String problemType, Map<String, String> labels,
                          Optional<AlertSeverity> severity, String summary, Optional<String> incidentId,
                          boolean firing, Instant at) {

    public AlertSignal {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("alert component must not be blank");
        }
        if (problemType == null || problemType.isBlank()) {
            throw new IllegalArgumentException("alert problem type must not be blank");
        }
        labels = Map.copyOf(labels);
        Objects.requireNonNull(severity, "severity");
        summary = summary == null ? "" : summary;
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(at, "at");
    }

    public static AlertSignal firing(String component, String problemType, AlertSeverity severity, String summary, Instant at) {
        return new AlertSignal(component, problemType, Map.of(), Optional.of(severity), summary, Optional.empty(), true, at);
    }

    public AlertSignal withLabels(Map<String, String> more) {
        return new AlertSignal(component, problemType, more, severity, summary, incidentId, firing, at);
    }

    public AlertSignal withIncident(String id) {
        return new AlertSignal(component, problemType, labels, severity, summary, Optional.of(id), firing, at);
    }

    public AlertSignal resolvedAt(Instant when) {
        return new AlertSignal(component, problemType, labels, severity, summary, incidentId, false, when);
    }

    public String fingerprint() {
        return Fingerprint.of(component, problemType, labels);
    }
}
