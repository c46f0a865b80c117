package dev.selfheal.integrations.channels.pagerduty;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * PagerDuty Events API v2: one event per alert, {@code dedup_key} = {@code selfheal-<alert id>},
 * so a repeat updates the same PagerDuty alert and the acknowledgement and resolution close it.
 * FIRING and ESCALATION trigger, ACKNOWLEDGED acknowledges, RESOLVED resolves. The routing key
 * is a credential and never appears in an error.
 */
public final class PagerDutyChannel implements NotificationChannel {

    public static final URI DEFAULT_EVENTS = URI.create("https://events.pagerduty.com/v2/enqueue");

    private final URI events;
    private final String routingKey;
    private final HttpPoster http;

    public PagerDutyChannel(URI events, String routingKey, HttpPoster http) {
        this.events = events;
        this.routingKey = routingKey;
        this.http = http;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public void send(Notification n) throws Exception {
        if (n.kind() == Notification.Kind.SILENCE_EXPIRING) {
            return; // not an incident: PagerDuty has nothing to page about
        }
        for (Alert a : n.alerts()) {
            http.post("pagerduty", events, ChannelJson.write(event(n, a)), Map.of());
        }
    }

    static String dedupKey(Alert a) {
        return "selfheal-" + a.id();
    }

    private Map<String, Object> event(Notification n, Alert a) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("routing_key", routingKey);
        e.put("event_action", switch (n.kind()) {
            case RESOLVED -> "resolve";
            case ACKNOWLEDGED -> "acknowledge";
            default -> "trigger";
        });
        e.put("dedup_key", dedupKey(a));
        if (n.kind() == Notification.Kind.FIRING || n.kind() == Notification.Kind.ESCALATION) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", clip("%s %s on %s%s".formatted(a.severity().label(), a.problemType(), a.component(),
                    a.summary().isEmpty() ? "" : ": " + a.summary()), 1024));
            payload.put("source", a.component());
            payload.put("severity", switch (a.severity()) {
                case INFO -> "info";
                case WARNING -> "warning";
                case CRITICAL, EMERGENCY -> "critical";
            });
            payload.put("timestamp", a.startsAt().toString());
            payload.put("component", a.component());
            payload.put("class", a.problemType());
            Map<String, Object> details = new TreeMap<>(a.labels());
            a.incidentId().ifPresent(id -> details.put("incident_id", id));
            details.put("urgency", a.urgency().label());
            if (!n.note().isEmpty()) {
                details.put("note", n.note());
            }
            payload.put("custom_details", details);
            e.put("payload", payload);
            e.put("client", "selfheal");
        }
        return e;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
