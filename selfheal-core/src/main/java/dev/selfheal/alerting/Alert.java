package dev.selfheal.alerting;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One alert: a fingerprint firing from {@code startsAt} until it resolves. Immutable;
 * {@link IntelligentAlertManager} replaces it on every change.
 *
 * @param labels    the labels it was raised with (not the derived ones, see {@link #allLabels()})
 * @param told      the receivers that were told about it: who gets the resolved notice
 * @param hold      why it is held, while {@code status} is HELD
 * @param holdDetail the specifics of the hold (which silence, which upstream incident)
 */
public record Alert(String id, String fingerprint, String component, String problemType, Map<String, String> labels,
                    AlertSeverity severity, Urgency urgency, AlertStatus status, Optional<String> incidentId,
                    String summary, Instant startsAt, Instant updatedAt, Optional<Instant> endsAt, boolean flapping,
                    Optional<Instant> lastNotifiedAt, Set<String> told, Optional<HoldReason> hold, String holdDetail,
                    Optional<String> acknowledgedBy) {

    /** Labels every alert has, computed from its fields; matchers can use them, fingerprints ignore them. */
    public static final Set<String> DERIVED_LABELS = Set.of("component", "problem_type", "severity", "urgency", "alertname");

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        labels = Map.copyOf(labels);
        told = Set.copyOf(told);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(status, "status");
        holdDetail = holdDetail == null ? "" : holdDetail;
    }

    /** The labels with component, problem_type, severity and urgency added: what matchers see. */
    public Map<String, String> allLabels() {
        Map<String, String> all = new HashMap<>(labels);
        all.put("component", component);
        all.put("problem_type", problemType);
        all.put("severity", severity.label());
        all.put("urgency", urgency.label());
        all.putIfAbsent("alertname", problemType);
        return all;
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    /** A new alert for a firing signal, classified as {@code severity} and {@code urgency}. */
    static Alert raised(AlertSignal signal, AlertSeverity severity, Urgency urgency, Instant at) {
        return new Alert("al-" + UUID.randomUUID().toString().substring(0, 13), signal.fingerprint(), signal.component(),
                signal.problemType(), signal.labels(), severity, urgency, AlertStatus.FIRING, signal.incidentId(),
                signal.summary(), at, at, Optional.empty(), false, Optional.empty(), Set.of(), Optional.empty(), "",
                Optional.empty());
    }

    /** The same alert with {@code receivers} as the ones that were told (a delivery fell back or failed). */
    Alert withTold(Set<String> receivers) {
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, status, incidentId, summary,
                startsAt, updatedAt, endsAt, flapping, lastNotifiedAt, receivers, hold, holdDetail, acknowledgedBy);
    }

    Alert with(AlertStatus next, Instant at) {
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, next, incidentId, summary,
                startsAt, at, next == AlertStatus.RESOLVED ? Optional.of(at) : endsAt, flapping, lastNotifiedAt, told,
                next == AlertStatus.HELD ? hold : Optional.empty(), next == AlertStatus.HELD ? holdDetail : "", acknowledgedBy);
    }

    Alert held(HoldReason reason, String detail, Instant at) {
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, status == AlertStatus.SENT
                ? AlertStatus.SENT : AlertStatus.HELD, incidentId, summary, startsAt, at, endsAt, flapping, lastNotifiedAt,
                told, Optional.of(reason), detail, acknowledgedBy);
    }

    Alert notified(Set<String> receivers, Instant at) {
        Set<String> more = new LinkedHashSet<>(told);
        more.addAll(receivers);
        AlertStatus next = status == AlertStatus.ACKNOWLEDGED ? status : AlertStatus.SENT;
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, next, incidentId, summary,
                startsAt, at, endsAt, flapping, Optional.of(at), more, Optional.empty(), "", acknowledgedBy);
    }

    Alert reclassified(AlertSeverity s, Urgency u, String newSummary, Optional<String> incident, Instant at) {
        return new Alert(id, fingerprint, component, problemType, labels, s, u, status, incident.or(() -> incidentId),
                newSummary.isEmpty() ? summary : newSummary, startsAt, at, endsAt, flapping, lastNotifiedAt, told, hold,
                holdDetail, acknowledgedBy);
    }

    Alert markFlapping(Instant at) {
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, status, incidentId, summary,
                startsAt, at, endsAt, true, lastNotifiedAt, told, hold, holdDetail, acknowledgedBy);
    }

    Alert acknowledged(String by, Instant at) {
        return new Alert(id, fingerprint, component, problemType, labels, severity, urgency, AlertStatus.ACKNOWLEDGED,
                incidentId, summary, startsAt, at, endsAt, flapping, lastNotifiedAt, told, Optional.empty(), "",
                Optional.of(by));
    }
}
