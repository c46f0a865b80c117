package dev.selfheal.recovery;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/** At most {@code max} actions within any sliding {@code window}. */
public record RateLimit(int max, Duration window) {

    public RateLimit {
        if (max < 1) {
            throw new IllegalArgumentException("rate limit max must be at least 1: " + max);
        }
        DurationChecks.positive(window, "rate limit window");
    }

    @Override
    public String toString() {
        return max + " per " + window.toMinutes() + "m";
    }
}
