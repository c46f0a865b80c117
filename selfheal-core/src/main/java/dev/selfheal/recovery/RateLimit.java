package dev.selfheal.recovery;

import java.time.Duration;

/** At most {@code max} actions within any sliding {@code window}. */
public record RateLimit(int max, Duration window) {

    public RateLimit {
        if (max < 1) {
            throw new IllegalArgumentException("rate limit max must be at least 1: " + max);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit window must be positive: " + window);
        }
    }

    @Override
    public String toString() {
        return max + " per " + window.toMinutes() + "m";
    }
}
