package dev.selfheal.status;

/** The health of a check, a component, a group or the whole system. */
public enum HealthStatus {
    HEALTHY(0),
    DEGRADED(1),
    UNHEALTHY(2),
    /** Not known yet (never checked), or the check could not tell. */
    UNKNOWN(-1);

    private final int severity;

    HealthStatus(int severity) {
        this.severity = severity;
    }

    /** The worse of two known statuses; UNKNOWN loses to any known status. */
    public static HealthStatus worse(HealthStatus a, HealthStatus b) {
        return a.severity >= b.severity ? a : b;
    }

    /** 0 healthy, 1 degraded, 2 unhealthy, -1 unknown: the value exported as a gauge. */
    public int severity() {
        return severity;
    }

    public boolean isKnown() {
        return this != UNKNOWN;
    }
}
