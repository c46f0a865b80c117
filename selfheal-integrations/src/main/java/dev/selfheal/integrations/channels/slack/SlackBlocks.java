package dev.selfheal.integrations.channels.slack;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.Notification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notification as Slack Block Kit: a header with the title, one section per alert (up to
 * ten, then "and N more") with severity, component, problem, since and incident as fields,
 * and a context line with the note. {@code text} is the fallback for notifications and
 * screen readers.
 */
final class SlackBlocks {

    private static final int MAX_ALERTS = 10;

    private SlackBlocks() { }

    static Map<String, Object> message(Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", n.title());
        m.put("blocks", blocks(n));
        return m;
    }

    static List<Object> blocks(Notification n) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", emoji(n) + " " + clip(n.title(), 140))));
        int shown = 0;
        for (Alert a : n.alerts()) {
            if (shown++ == MAX_ALERTS) {
                blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                        "text", "…and " + (n.alerts().size() - MAX_ALERTS) + " more"))));
                break;
            }
            List<Object> fields = new ArrayList<>();
            fields.add(field("Severity", a.severity().label() + (a.flapping() ? " (flapping)" : "")));
            fields.add(field("Component", a.component()));
            fields.add(field("Problem", a.problemType()));
            fields.add(field("Since", "<!date^" + a.startsAt().getEpochSecond() + "^{date_short_pretty} {time}|" + a.startsAt() + ">"));
            a.incidentId().ifPresent(id -> fields.add(field("Incident", id)));
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("type", "section");
            section.put("text", Map.of("type", "mrkdwn", "text", a.summary().isEmpty() ? "*" + a.problemType() + "*" : clip(a.summary(), 2900)));
            section.put("fields", fields);
            blocks.add(section);
        }
        if (!n.note().isEmpty()) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", clip(n.note(), 2900)))));
        }
        return blocks;
    }

    private static Map<String, Object> field(String name, String value) {
        return Map.of("type", "mrkdwn", "text", "*" + name + "*\n" + value);
    }

    private static String emoji(Notification n) {
        return switch (n.kind()) {
            case RESOLVED -> ":white_check_mark:";
            case ACKNOWLEDGED -> ":eyes:";
            case ESCALATION -> ":rotating_light:";
            case SILENCE_EXPIRING -> ":hourglass:";
            case FIRING -> switch (n.severity()) {
                case EMERGENCY, CRITICAL -> ":red_circle:";
                case WARNING -> ":large_orange_circle:";
                case INFO -> ":large_blue_circle:";
            };
        };
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
