package dev.selfheal.health;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A component's health as the engine sees it now: the damped status, since when, and the last
 * raw result.
 */
public record ComponentHealth(
        String name,
        String group,
        HealthStatus status,
        Instant since,
        Optional<HealthCheckResult> lastResult,
        int consecutiveFailures,
        int consecutiveSuccesses) {

    public String message() {
        return lastResult.map(HealthCheckResult::message).orElse("not checked yet");
    }
}
