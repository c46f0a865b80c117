package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One Actuator health contributor as a selfheal check. UP is healthy; DOWN and OUT_OF_SERVICE are
 * unhealthy; UNKNOWN and custom statuses are degraded. A composite is as bad as its worst member,
 * and says which member that is.
 */
final class ActuatorHealthCheck implements HealthCheck {

    private final HealthContributor contributor;

    ActuatorHealthCheck(HealthContributor contributor) {
        this.contributor = contributor;
    }

    @Override
    public HealthCheckResult check() {
        List<String> bad = new ArrayList<>();
        Status worst = worst(contributor, "", bad);
        if (Status.UP.equals(worst)) {
            return HealthCheckResult.healthy("UP");
        }
        String message = worst.getCode() + (bad.isEmpty() ? "" : ": " + String.join("; ", bad));
        return Status.DOWN.equals(worst) || Status.OUT_OF_SERVICE.equals(worst)
                ? HealthCheckResult.unhealthy(message)
                : HealthCheckResult.degraded(message);
    }

    private static Status worst(HealthContributor contributor, String path, List<String> bad) {
        if (contributor instanceof HealthIndicator indicator) {
            Health health = indicator.health(true);
            Status status = health.getStatus();
            if (!Status.UP.equals(status)) {
                Object error = health.getDetails().get("error");
                bad.add((path.isEmpty() ? "" : path + " ") + status.getCode() + (error == null ? "" : " (" + error + ")"));
            }
            return status;
        }
        if (contributor instanceof CompositeHealthContributor composite) {
            Status worst = Status.UP;
            for (var entry : composite) {
                Status status = worst(entry.contributor(), path.isEmpty() ? entry.name() : path + "/" + entry.name(), bad);
                if (rank(status) > rank(worst)) {
                    worst = status;
                }
            }
            return worst;
        }
        return Status.UNKNOWN;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 3;
        }
        if (Status.OUT_OF_SERVICE.equals(status)) {
            return 2;
        }
        return Status.UP.equals(status) ? 0 : 1;
    }
}
