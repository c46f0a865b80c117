package dev.selfheal.alerting;

import java.util.Optional;

/** Hears when an alert was first sent and when it closed (acknowledged or resolved): escalation runs on it. */
public interface AlertListener {

    /** The alert reached a person for the first time; {@code escalationPolicy} comes from its route. */
    default void firstSent(Alert alert, Optional<String> escalationPolicy) { }

    /** An acknowledgement or a resolution: escalation stops. */
    default void closed(Alert alert, AlertStatus how) { }
}
