package dev.selfheal.incident;

/** How bad a problem is; an incident is as severe as its worst problem. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public static Severity worse(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
