package dev.selfheal.events;

import dev.selfheal.status.BreakerState;
import java.time.Instant;

/**
 * An integration's circuit breaker changed state. A breaker opening is a detection signal:
 * the integration is failing now, before any health check has noticed.
 *
 * @param registry the id of the guard registry the breaker belongs to: two registries on one
 *                 bus may both have a guard named "github", and whoever acts on the breaker
 *                 (a recovery action resetting it) must act on the one that changed
 */
public record BreakerStateChanged(String integration, String registry, BreakerState from, BreakerState to, Instant at)
        implements SelfHealEvent {
}
