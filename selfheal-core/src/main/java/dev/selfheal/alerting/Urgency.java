package dev.selfheal.alerting;

import java.util.Locale;

/** Whether an alert should wake someone (HIGH) or can wait for working hours (LOW). */
public enum Urgency {
    LOW, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Urgency parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("urgency must be low or high, got '%s'".formatted(text));
        }
    }
}
