package dev.selfheal.health;

import dev.selfheal.status.HealthStatus;
import java.util.Collection;
import java.util.List;

/** The aggregation rules of health, as pure functions. */
final class HealthAggregator {

    private HealthAggregator() { }

    /** A group's status and a one-line message from its members' damped statuses. */
    public static GroupHealth group(String name, GroupPolicy policy, List<ComponentHealth> members) {
        List<HealthStatus> known = members.stream().map(ComponentHealth::status).filter(HealthStatus::isKnown).toList();
        HealthStatus status = switch (policy) {
            case WORST -> worst(known);
            case MAJORITY -> majority(known);
        };
        long unhealthy = known.stream().filter(s -> s == HealthStatus.UNHEALTHY).count();
        long degraded = known.stream().filter(s -> s == HealthStatus.DEGRADED).count();
        String message = members.isEmpty() ? "no checks"
                : "%d/%d healthy%s%s%s".formatted(
                        members.size() - unhealthy - degraded - (members.size() - known.size()), members.size(),
                        degraded > 0 ? ", " + degraded + " degraded" : "",
                        unhealthy > 0 ? ", " + unhealthy + " unhealthy" : "",
                        known.size() < members.size() ? ", " + (members.size() - known.size()) + " unknown" : "");
        return new GroupHealth(name, policy, status, message, members);
    }

    /** Any UNHEALTHY wins, then any DEGRADED; nothing known is UNKNOWN. */
    public static HealthStatus worst(Collection<HealthStatus> statuses) {
        HealthStatus result = HealthStatus.UNKNOWN;
        for (HealthStatus status : statuses) {
            result = HealthStatus.worse(result, status);
        }
        return result;
    }

    /** No unhealthy member: HEALTHY; fewer than half unhealthy: DEGRADED; else UNHEALTHY. */
    public static HealthStatus majority(Collection<HealthStatus> statuses) {
        if (statuses.isEmpty()) {
            return HealthStatus.UNKNOWN;
        }
        long unhealthy = statuses.stream().filter(s -> s == HealthStatus.UNHEALTHY).count();
        if (unhealthy == 0) {
            return statuses.contains(HealthStatus.DEGRADED) ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        }
        return unhealthy * 2 < statuses.size() ? HealthStatus.DEGRADED : HealthStatus.UNHEALTHY;
    }

    /** The overall status: the worst of the groups that know something. */
    public static HealthStatus overall(List<GroupHealth> groups) {
        return worst(groups.stream().map(GroupHealth::status).toList());
    }
}
