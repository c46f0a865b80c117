package dev.selfheal.events;

import java.time.Instant;
import java.util.Optional;

/** An integration reported that less than its warning share (10 % by default) of its rate-limit window is left. */
public record RateLimitLow(String integration, long remaining, long limit, Optional<Instant> resetAt, Instant at) implements SelfHealEvent {
}
