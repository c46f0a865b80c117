package dev.selfheal.events;

import java.time.Instant;

/**
 * An integration's outbox crossed its warning level (by default 80 % of its cap): calls are
 * being parked faster than they are replayed, and at the cap further calls will be refused.
 */
public record OutboxFilling(String integration, long parked, long capacity, Instant at) implements SelfHealEvent {
}
