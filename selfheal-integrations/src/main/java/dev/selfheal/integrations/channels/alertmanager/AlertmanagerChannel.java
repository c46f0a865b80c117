package dev.selfheal.integrations.channels.alertmanager;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.integrations.channels.ChannelJson;
import dev.selfheal.integrations.channels.HttpPoster;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands alerts to a Prometheus Alertmanager ({@code POST /api/v2/alerts}), for teams whose
 * routing lives there. Labels: the alert's labels plus {@code alertname} (the problem type),
 * {@code component}, {@code severity}, {@code urgency}; annotations: summary and incident. A
 * resolved notice sets {@code endsAt}, which resolves it in Alertmanager.
 */
public final class AlertmanagerChannel implements NotificationChannel {

    private final URI alerts;
    private final HttpPoster http;

    public AlertmanagerChannel(URI base, HttpPoster http) {
        String b = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.alerts = URI.create(b).resolve("api/v2/alerts");
        this.http = http;
    }

    @Override
    public String type() {
        return "alertmanager";
    }

    @Override
    public void send(Notification n) throws Exception {
        if (n.kind() == Notification.Kind.ACKNOWLEDGED || n.kind() == Notification.Kind.SILENCE_EXPIRING) {
            return; // Alertmanager has no acknowledgement; silences live in selfheal
        }
        List<Object> body = new ArrayList<>();
        for (Alert a : n.alerts()) {
            Map<String, Object> alert = new LinkedHashMap<>();
            Map<String, String> labels = new TreeMap<>(a.labels());
            labels.put("alertname", a.labels().getOrDefault("alertname", a.problemType()));
            labels.put("component", a.component());
            labels.put("severity", a.severity().label());
            labels.put("urgency", a.urgency().label());
            alert.put("labels", labels);
            Map<String, String> annotations = new TreeMap<>();
            annotations.put("summary", a.summary());
            a.incidentId().ifPresent(id -> annotations.put("incident_id", id));
            if (!n.note().isEmpty()) {
                annotations.put("note", n.note());
            }
            alert.put("annotations", annotations);
            alert.put("startsAt", a.startsAt().toString());
            if (n.kind() == Notification.Kind.RESOLVED) {
                alert.put("endsAt", a.endsAt().orElse(n.at()).toString());
            }
            alert.put("generatorURL", "selfheal://alerts/" + a.id());
            body.add(alert);
        }
        http.post("alertmanager", alerts, ChannelJson.write(body), Map.of());
    }
}
