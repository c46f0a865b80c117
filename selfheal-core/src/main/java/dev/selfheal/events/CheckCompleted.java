package dev.selfheal.events;

import dev.selfheal.status.HealthCheckResult;
import java.time.Instant;

/** One run of a health check ended (passed, failed, threw or timed out). High volume. */
public record CheckCompleted(String component, String group, HealthCheckResult result) implements SelfHealEvent {

    @Override
    public Instant at() {
        return result.timestamp();
    }
}
