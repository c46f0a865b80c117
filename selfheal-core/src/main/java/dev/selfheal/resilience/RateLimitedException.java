package dev.selfheal.resilience;

import dev.selfheal.time.HumanDuration;
import java.io.Serial;
import java.time.Duration;

/**
 * The integration asked us to wait (Retry-After, or a rate-limit window that resets later)
 * longer than the caller's deadline allows, so the guard failed fast instead of waiting.
 */
public class RateLimitedException extends CallFailedException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration requiredWait;
    private final Duration deadlineLeft;

    public RateLimitedException(String integration, int attempts, Duration requiredWait, Duration deadlineLeft, Throwable cause) {
        super(integration, attempts, "call to %s is rate limited: it would have to wait %s before the next attempt, but the deadline leaves %s"
                .formatted(integration, HumanDuration.of(requiredWait), HumanDuration.of(deadlineLeft)), cause);
        this.requiredWait = requiredWait;
        this.deadlineLeft = deadlineLeft;
    }

    /** How long the integration asked us to wait. */
    public Duration requiredWait() {
        return requiredWait;
    }

    /** What was left of the caller's deadline when we gave up. */
    public Duration deadlineLeft() {
        return deadlineLeft;
    }
}
