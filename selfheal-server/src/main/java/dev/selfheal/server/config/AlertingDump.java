package dev.selfheal.server.config;

import dev.selfheal.alerting.routing.Route;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.server.config.AlertingConfig.ChannelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code alerting:} section for the redacted config dump, and its secret values for masking. */
final class AlertingDump {

    private AlertingDump() { }

    static Map<String, Object> tree(AlertingConfig a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("healing-grace", Durations.format(a.settings().healingGrace()));
        m.put("flap-threshold", a.settings().flapThreshold());
        m.put("flap-window", Durations.format(a.settings().flapWindow()));
        m.put("silence-reminder", Durations.format(a.settings().silenceReminder()));
        a.settings().reminderReceiver().ifPresent(r -> m.put("reminder-receiver", r));
        List<Object> receivers = new ArrayList<>();
        for (AlertingConfig.ReceiverConfig r : a.receivers()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", r.name());
            x.put("type", r.channel().type());
            switch (r.channel()) {
                case ChannelSpec.SlackWebhook s -> x.put("url", Secret.MASK);
                case ChannelSpec.Slack s -> {
                    x.put("token", Secret.MASK);
                    x.put("channel", s.channel());
                }
                case ChannelSpec.PagerDuty p -> x.put("routing-key", Secret.MASK);
                case ChannelSpec.Webhook w -> {
                    x.put("url", Redaction.url(w.url().toString()));
                    w.hmacKey().ifPresent(k -> x.put("hmac-key", Secret.MASK));
                }
                case ChannelSpec.Email e -> {
                    x.put("host", e.host());
                    x.put("port", e.port());
                    e.username().ifPresent(u -> x.put("username", u));
                    e.password().ifPresent(p -> x.put("password", Secret.MASK));
                    x.put("to", e.to());
                }
                case ChannelSpec.Alertmanager am -> x.put("url", Redaction.url(am.url().toString()));
                case ChannelSpec.Log l -> { }
            }
            r.fallback().ifPresent(f -> x.put("fallback", f));
            receivers.add(x);
        }
        m.put("receivers", receivers);
        m.put("route", route(a.route()));
        m.put("dependencies", new LinkedHashMap<>(a.dependencies()));
        m.put("maintenance", a.maintenance().stream().map(w -> w.name() + ": " + w.schedule() + " for " + Durations.format(w.duration())
                + " " + w.zone()).toList());
        m.put("schedules", a.schedules().stream().map(s -> s.name()).toList());
        m.put("escalation-policies", a.policies().stream().map(p -> p.name()).toList());
        return m;
    }

    private static Map<String, Object> route(Route r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!r.matchers().isEmpty()) {
            m.put("match", r.matchers().stream().map(Object::toString).toList());
        }
        r.receiver().ifPresent(x -> m.put("receiver", x));
        if (r.continueMatching()) {
            m.put("continue", true);
        }
        if (!r.children().isEmpty()) {
            m.put("routes", r.children().stream().map(AlertingDump::route).toList());
        }
        return m;
    }

    static void secrets(AlertingConfig a, Set<String> out) {
        for (AlertingConfig.ReceiverConfig r : a.receivers()) {
            switch (r.channel()) {
                case ChannelSpec.SlackWebhook s -> {
                    out.add(s.url().reveal());
                    String path = java.net.URI.create(s.url().reveal()).getPath();
                    if (path != null && path.length() > 1) {
                        out.add(path);
                        String last = path.substring(path.lastIndexOf('/') + 1);
                        if (last.length() >= 8) {
                            out.add(last); // the token part of https://hooks.slack.com/services/T/B/<token>
                        }
                    }
                }
                case ChannelSpec.Slack s -> out.add(s.token().reveal());
                case ChannelSpec.PagerDuty p -> out.add(p.routingKey().reveal());
                case ChannelSpec.Webhook w -> w.hmacKey().ifPresent(k -> out.add(k.reveal()));
                case ChannelSpec.Email e -> e.password().ifPresent(p -> out.add(p.reveal()));
                default -> { }
            }
        }
    }
}
