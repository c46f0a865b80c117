package dev.selfheal.escalation;

/** What an escalation level does. */
public sealed interface EscalationAction {

    /** A short name for events and logs, e.g. {@code notify_on_call:primary}. */
    String describe();

    /** Tell whoever is on call for the schedule. */
    record NotifyOnCall(String schedule) implements EscalationAction {
        @Override
        public String describe() {
            return "notify_on_call:" + schedule;
        }
    }

    /** Tell a receiver directly (a team channel, a manager). */
    record NotifyReceiver(String receiver) implements EscalationAction {
        @Override
        public String describe() {
            return "notify_receiver:" + receiver;
        }
    }

    /** Run the emergency recovery plan for the alert's incident. */
    record RunEmergencyRecovery() implements EscalationAction {
        @Override
        public String describe() {
            return "emergency_recovery";
        }
    }

    /** Emergency shutdown: degradation level 4 (maintenance mode) until a person unpins it. */
    record EmergencyShutdown() implements EscalationAction {
        @Override
        public String describe() {
            return "emergency_shutdown";
        }
    }
}
