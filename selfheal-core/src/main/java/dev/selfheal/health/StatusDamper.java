package dev.selfheal.health;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Turns a stream of raw results into a damped component status, so that one lost packet does
 * not wake anybody and one lucky pass does not close an incident.
 *
 * <ul>
 *   <li>UNHEALTHY after {@code failureThreshold} consecutive UNHEALTHY results;</li>
 *   <li>DEGRADED after {@code failureThreshold} consecutive results that are not HEALTHY, at
 *       least one of them DEGRADED (a component that was HEALTHY or UNKNOWN);</li>
 *   <li>from UNHEALTHY or DEGRADED back up after {@code successThreshold} consecutive results
 *       that are better, to the status the last of them reported;</li>
 *   <li>from UNKNOWN (never checked) to HEALTHY on the first pass: nothing to damp there;</li>
 *   <li>UNKNOWN results (the check could not tell) change nothing.</li>
 * </ul>
 *
 * Not thread-safe: the engine calls it under the component's lock.
 */
final class StatusDamper {

    /** A status change and the results that caused it. */
    record Transition(HealthStatus from, HealthStatus to, String reason, List<HealthCheckResult> evidence) { }

    private final int failureThreshold;
    private final int successThreshold;
    private final ArrayDeque<HealthCheckResult> recent;
    private HealthStatus status = HealthStatus.UNKNOWN;
    private Instant since;
    private int consecutiveFailures;
    private int consecutiveNotHealthy;
    private int consecutiveSuccesses;
    private int consecutiveBetter;
    private HealthCheckResult last;

    StatusDamper(int failureThreshold, int successThreshold, Instant created) {
        this.failureThreshold = failureThreshold;
        this.successThreshold = successThreshold;
        this.recent = new ArrayDeque<>(Math.max(failureThreshold, successThreshold));
        this.since = created;
    }

    /** Restores a status known from history (after a restart), without evidence. */
    void restore(HealthStatus restored, Instant restoredSince) {
        this.status = restored;
        this.since = restoredSince;
    }

    Optional<Transition> accept(HealthCheckResult result) {
        last = result;
        HealthStatus raw = result.status();
        if (raw == HealthStatus.UNKNOWN) {
            return Optional.empty();
        }
        remember(result);
        consecutiveFailures = raw == HealthStatus.UNHEALTHY ? consecutiveFailures + 1 : 0;
        consecutiveNotHealthy = raw != HealthStatus.HEALTHY ? consecutiveNotHealthy + 1 : 0;
        consecutiveSuccesses = raw == HealthStatus.HEALTHY ? consecutiveSuccesses + 1 : 0;
        consecutiveBetter = raw.severity() < status.severity() ? consecutiveBetter + 1 : 0;

        HealthStatus next = status;
        String reason = null;
        if (consecutiveFailures >= failureThreshold && status != HealthStatus.UNHEALTHY) {
            next = HealthStatus.UNHEALTHY;
            reason = "%d consecutive failures (threshold %d): %s".formatted(consecutiveFailures, failureThreshold, result.message());
        } else if (status == HealthStatus.UNKNOWN && raw == HealthStatus.HEALTHY) {
            next = HealthStatus.HEALTHY;
            reason = "first check passed: " + result.message();
        } else if ((status == HealthStatus.HEALTHY || status == HealthStatus.UNKNOWN)
                && consecutiveNotHealthy >= failureThreshold && raw == HealthStatus.DEGRADED) {
            next = HealthStatus.DEGRADED;
            reason = "%d consecutive results not healthy (threshold %d): %s".formatted(consecutiveNotHealthy, failureThreshold, result.message());
        } else if ((status == HealthStatus.UNHEALTHY || status == HealthStatus.DEGRADED) && consecutiveBetter >= successThreshold) {
            next = raw;
            reason = "%d consecutive results better than %s (threshold %d): %s".formatted(
                    consecutiveBetter, status, successThreshold, result.message());
        }
        if (next == status) {
            return Optional.empty();
        }
        int evidenceCount = Math.min(recent.size(), next == HealthStatus.HEALTHY ? Math.max(1, consecutiveSuccesses)
                : Math.max(consecutiveFailures, Math.max(consecutiveNotHealthy, consecutiveBetter)));
        List<HealthCheckResult> evidence = recent.stream().skip(recent.size() - Math.max(1, evidenceCount)).toList();
        Transition transition = new Transition(status, next, reason, evidence);
        status = next;
        since = result.timestamp();
        consecutiveBetter = 0;
        return Optional.of(transition);
    }

    private void remember(HealthCheckResult result) {
        int keep = Math.max(failureThreshold, successThreshold);
        if (recent.size() == keep) {
            recent.removeFirst();
        }
        recent.addLast(result);
    }

    HealthStatus status() {
        return status;
    }

    Instant since() {
        return since;
    }

    Optional<HealthCheckResult> last() {
        return Optional.ofNullable(last);
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    int consecutiveSuccesses() {
        return consecutiveSuccesses;
    }
}
