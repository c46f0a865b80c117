package dev.selfheal.server.console;

import dev.selfheal.events.AlertStatusChanged;
import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.DegradationLevelChanged;
import dev.selfheal.events.EscalationStepRan;
import dev.selfheal.events.IncidentEscalated;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.server.config.SecretMasker;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the console hears of the engine's events: a topic ({@code check}, {@code health},
 * {@code incident}, {@code degradation}, {@code alert}, {@code breaker}) and a few facts. The console treats a message as
 * "this changed, fetch it again", so the messages stay small and the API stays the one place
 * where views are built. An event with no case here is not sent (a new capability adds its
 * own: alerting an {@code alert} topic, guards a {@code breaker} topic).
 */
final class ConsoleEvents {

    /** One server-sent event: its name and its JSON-ready data (snake_case keys). */
    record Message(String topic, Map<String, Object> data) { }

    private ConsoleEvents() { }

    static Optional<Message> of(SelfHealEvent event, SecretMasker masker) {
        return Optional.ofNullable(switch (event) {
            case CheckCompleted c -> message("check", "component", c.component(), "group", c.group(),
                    "status", c.result().status().name(), "at", at(c.at()));
            case ComponentStatusChanged c -> message("health", "component", c.component(), "group", c.group(),
                    "from", c.from().name(), "to", c.to().name(), "reason", masker.mask(c.reason()), "at", at(c.at()));
            case IncidentOpened o -> message("incident", "id", o.incidentId(), "component", o.component(),
                    "state", "OPEN", "at", at(o.at()));
            case IncidentStateChanged s -> message("incident", "id", s.incidentId(), "component", s.component(),
                    "from", s.from().name(), "state", s.to().name(), "at", at(s.at()));
            case IncidentEscalated e -> message("incident", "id", e.incidentId(), "component", e.component(),
                    "state", "ESCALATED", "at", at(e.at()));
            case RecoveryStepEnded r -> message("incident", "id", r.incidentId(), "component", r.component(),
                    "action", r.action(), "outcome", r.outcome(), "at", at(r.at()));
            case DegradationLevelChanged d -> message("degradation", "from", d.from(), "to", d.to(), "at", at(d.at()));
            case AlertStatusChanged a -> message("alert", "id", a.alertId(), "component", a.component(), "from", a.from(),
                    "status", a.to(), "reason", masker.mask(a.reason()), "at", at(a.at()));
            case EscalationStepRan e -> message("alert", "id", e.alertId(), "policy", e.policy(), "level", e.level(),
                    "action", e.action(), "outcome", masker.mask(e.outcome()), "at", at(e.at()));
            case SilenceExpiring s -> message("alert", "silence", s.silenceId(), "ends_at", at(s.endsAt()), "at", at(s.at()));
            case BreakerStateChanged b -> message("breaker", "integration", b.integration(), "from", b.from().name(),
                    "state", b.to().name(), "at", at(b.at()));
            default -> null;
        });
    }

    private static Message message(String topic, Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Message(topic, data);
    }

    private static String at(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
