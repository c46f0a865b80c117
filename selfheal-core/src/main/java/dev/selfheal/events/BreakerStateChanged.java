package dev.selfheal.events;

import dev.selfheal.resilience.BreakerState;
import java.time.Instant;

/**
 * An integration's circuit breaker changed state. A breaker opening is a detection signal:
 * the integration is failing now, before any health check has noticed.
 */
public record BreakerStateChanged(String integration, BreakerState from, BreakerState to, Instant at) implements SelfHealEvent {
}
