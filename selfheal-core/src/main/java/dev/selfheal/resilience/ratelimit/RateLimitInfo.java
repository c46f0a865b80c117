package dev.selfheal.resilience.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an integration's response said about its rate limit. Every part is optional: services
 * send different headers, and garbage in one header does not spoil the others.
 *
 * @param retryAfter how long {@code Retry-After} asked us to wait
 * @param remaining  requests left in the current window
 * @param limit      requests allowed per window
 * @param resetAt    when the window resets
 */
public record RateLimitInfo(Optional<Duration> retryAfter, OptionalLong remaining, OptionalLong limit, Optional<Instant> resetAt) {

    public static final RateLimitInfo NONE = new RateLimitInfo(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    public boolean isEmpty() {
        return retryAfter.isEmpty() && remaining.isEmpty() && limit.isEmpty() && resetAt.isEmpty();
    }

    /**
     * How long to wait before the next attempt, when the response says: {@code Retry-After}
     * first; else, when nothing is left of the window, the time until it resets.
     */
    public Optional<Duration> requiredWait(Instant now) {
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        if (remaining.isPresent() && remaining.getAsLong() <= 0 && resetAt.isPresent()) {
            Duration untilReset = Duration.between(now, resetAt.get());
            return Optional.of(untilReset.isNegative() ? Duration.ZERO : untilReset);
        }
        return Optional.empty();
    }

    /** True when less than {@code fraction} of the window is left and the window has not reset yet. */
    public boolean isNearLimit(double fraction, Instant now) {
        if (remaining.isEmpty() || limit.isEmpty() || limit.getAsLong() <= 0) {
            return remaining.isPresent() && remaining.getAsLong() <= 0 && resetAt.map(now::isBefore).orElse(true);
        }
        boolean low = remaining.getAsLong() < fraction * limit.getAsLong();
        return low && resetAt.map(now::isBefore).orElse(true);
    }
}
