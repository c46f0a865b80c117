package dev.selfheal.alerting;

import dev.selfheal.incident.Severity;
import java.util.Locale;

/** How bad an alert is for the person who gets it; ordered, worst last. */
public enum AlertSeverity {
    INFO, WARNING, CRITICAL, EMERGENCY;

    /** The engine's problem severity seen as an alert severity (LOW info … CRITICAL emergency). */
    public static AlertSeverity of(Severity severity) {
        return switch (severity) {
            case LOW -> INFO;
            case MEDIUM -> WARNING;
            case HIGH -> CRITICAL;
            case CRITICAL -> EMERGENCY;
        };
    }

    public boolean atLeast(AlertSeverity other) {
        return compareTo(other) >= 0;
    }

    public static AlertSeverity worse(AlertSeverity a, AlertSeverity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code info|warning|critical|emergency} (any case); throws naming the accepted values. */
    public static AlertSeverity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("severity must be info, warning, critical or emergency, got '%s'".formatted(text));
        }
    }
}
