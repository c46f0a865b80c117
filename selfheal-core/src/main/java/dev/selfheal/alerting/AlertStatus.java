package dev.selfheal.alerting;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of one alert, with its legal transitions written out.
 *
 * <pre>
 *   FIRING ──► HELD ──► SENT ──► ACKNOWLEDGED
 *     │  └───────┴──►──┘  │           │
 *     └───────────────────┴───────────┴──► RESOLVED
 * </pre>
 * FIRING is a fresh alert waiting for its group; HELD means a rule keeps it back (the reason
 * is in its latest decision) and it may still be sent; SENT means at least one receiver was
 * told; a SENT alert goes back to HELD only while flapping. RESOLVED is final: the same
 * fingerprint firing again is a new alert.
 */
public enum AlertStatus {
    FIRING, HELD, SENT, ACKNOWLEDGED, RESOLVED;

    private Set<AlertStatus> next() {
        return switch (this) {
            case FIRING -> EnumSet.of(HELD, SENT, ACKNOWLEDGED, RESOLVED);
            case HELD -> EnumSet.of(FIRING, SENT, ACKNOWLEDGED, RESOLVED);
            case SENT -> EnumSet.of(HELD, ACKNOWLEDGED, RESOLVED);
            case ACKNOWLEDGED -> EnumSet.of(RESOLVED);
            case RESOLVED -> EnumSet.noneOf(AlertStatus.class);
        };
    }

    public boolean canMoveTo(AlertStatus target) {
        return next().contains(target);
    }

    public boolean isOpen() {
        return this != RESOLVED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
