package dev.selfheal.escalation;

import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.Notification;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Escalation acting through the alert pipeline's receivers (a person is a receiver: their
 * Slack DM, their PagerDuty service, their email), an emergency recovery hook, and the
 * {@link DegradationManager} for emergency shutdown.
 *
 * @param people            person → receiver name
 * @param emergencyRecovery runs the emergency plan for an alert and says what it started;
 *                          empty when no recovery engine is wired (the level then fails, visibly)
 */
public record StandardEscalationActions(IntelligentAlertManager alerts, java.time.InstantSource clock, Map<String, String> people,
                                        Optional<Function<Alert, String>> emergencyRecovery,
                                        Optional<DegradationManager> degradation) implements EscalationActions {

    public StandardEscalationActions {
        people = Map.copyOf(people);
    }

    @Override
    public String notifyPerson(String person, Alert alert, String note) {
        String receiver = people.get(person);
        if (receiver == null) {
            throw new IllegalStateException("on-call person '%s' has no receiver (alerting.people)".formatted(person));
        }
        return notifyReceiver(receiver, alert, note + " (on call: " + person + ")");
    }

    @Override
    public String notifyReceiver(String receiver, Alert alert, String note) {
        alerts.notify(new Notification(Notification.Kind.ESCALATION, receiver, "escalation/" + alert.fingerprint(),
                List.of(alert), note, clock.instant()));
        return "notified " + receiver;
    }

    @Override
    public String runEmergencyRecovery(Alert alert) {
        return emergencyRecovery.orElseThrow(() -> new IllegalStateException("no recovery engine is wired for emergency recovery"))
                .apply(alert);
    }

    @Override
    public String emergencyShutdown(Alert alert, String reason) {
        DegradationManager d = degradation.orElseThrow(() -> new IllegalStateException("no degradation manager is wired"));
        d.pin(DegradationLevel.MAINTENANCE_MODE, reason);
        return "degradation pinned at level 4 (maintenance_mode)";
    }
}
