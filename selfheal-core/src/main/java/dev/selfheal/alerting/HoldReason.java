package dev.selfheal.alerting;

import java.util.Locale;

/** Why the pipeline kept an alert back; {@link #text()} is what a person reads. */
public enum HoldReason {
    DUPLICATE("Similar alert recently processed"),
    GROUP_WAIT("waiting for its group to be sent"),
    INHIBITED("an upstream dependency has an open incident"),
    SILENCED("matched by a silence"),
    MAINTENANCE("inside a maintenance window"),
    FLAPPING("flapping: already sent once as flapping"),
    HEALING("healing is mitigating the incident; waiting for its grace period"),
    ACKNOWLEDGED("acknowledged by a person"),
    NO_RECEIVER("no route leads to a receiver"),
    DELIVERY_FAILED("every receiver failed");

    private final String text;

    HoldReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
