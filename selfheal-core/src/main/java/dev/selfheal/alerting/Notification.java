package dev.selfheal.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One message to one receiver about a group of alerts.
 *
 * @param groupKey the group it belongs to (route and group-by values); stable across repeats
 * @param note     extra words for the reader: who acknowledged, which escalation level, which silence
 */
public record Notification(Kind kind, String receiver, String groupKey, List<Alert> alerts, String note, Instant at) {

    /** What the message says about the alerts. */
    public enum Kind {
        FIRING, RESOLVED, ACKNOWLEDGED, ESCALATION, SILENCE_EXPIRING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Notification {
        Objects.requireNonNull(kind, "kind");
        alerts = List.copyOf(alerts);
        note = note == null ? "" : note;
    }

    /** The worst severity among the alerts (INFO when there are none). */
    public AlertSeverity severity() {
        return alerts.stream().map(Alert::severity).reduce(AlertSeverity.INFO, AlertSeverity::worse);
    }

    /** A one-line title, e.g. {@code [FIRING:2] critical process_down on worker-1, worker-2}. */
    public String title() {
        if (alerts.isEmpty()) {
            return "[%s] %s".formatted(kind.name(), note);
        }
        String components = alerts.stream().map(Alert::component).distinct().limit(5).collect(Collectors.joining(", "));
        String types = alerts.stream().map(Alert::problemType).distinct().limit(3).collect(Collectors.joining(", "));
        return "[%s%s] %s %s on %s".formatted(kind.name(), alerts.size() > 1 ? ":" + alerts.size() : "",
                severity().label(), types, components);
    }

    /** Plain text for email and logs: the title, the note, then one line per alert. */
    public String text() {
        StringBuilder b = new StringBuilder(title()).append('\n');
        if (!note.isEmpty()) {
            b.append(note).append('\n');
        }
        for (Alert a : alerts) {
            b.append("- ").append(a.severity().label()).append(' ').append(a.component()).append(' ').append(a.problemType());
            if (!a.summary().isEmpty()) {
                b.append(": ").append(a.summary());
            }
            a.incidentId().ifPresent(id -> b.append(" (incident ").append(id).append(')'));
            b.append(" since ").append(a.startsAt());
            if (a.flapping()) {
                b.append(" [flapping]");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
