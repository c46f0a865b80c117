package dev.selfheal.health;

/** How a group's status follows from its members' statuses. */
public enum GroupPolicy {
    /** The multi-level rule: any UNHEALTHY member makes the group UNHEALTHY, else any DEGRADED makes it DEGRADED. */
    WORST,
    /**
     * The integration rule: no unhealthy member is HEALTHY, fewer than half unhealthy is
     * DEGRADED, otherwise UNHEALTHY. Used by the {@code integrations} group: losing one of four
     * APIs degrades the orchestrator, losing half of them stops it.
     */
    MAJORITY
}
