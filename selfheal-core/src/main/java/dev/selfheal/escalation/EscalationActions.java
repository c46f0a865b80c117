package dev.selfheal.escalation;

import dev.selfheal.alerting.Alert;

/** What escalation levels act through; each returns a line saying what happened, or throws. */
public interface EscalationActions {

    /** Tells {@code person} (the on-call of a schedule) about the alert. */
    String notifyPerson(String person, Alert alert, String note) throws Exception;

    /** Tells a receiver directly. */
    String notifyReceiver(String receiver, Alert alert, String note) throws Exception;

    /** Runs the emergency recovery plan for the alert's incident. */
    String runEmergencyRecovery(Alert alert) throws Exception;

    /** Degradation level 4 (maintenance mode), pinned until a person unpins it. */
    String emergencyShutdown(Alert alert, String reason) throws Exception;
}
