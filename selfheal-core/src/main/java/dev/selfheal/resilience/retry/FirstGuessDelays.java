package dev.selfheal.resilience.retry;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/**
 * The adaptive strategy's first guess, before it has seen any retry succeed for an error type
 * (a suggested delay per kind of failure). The guess follows what usually helps:
 * a rate limit wants a long, linear wait; a refused connection a few seconds for a restart;
 * a timeout or a 5xx a short exponential backoff.
 */
final class FirstGuessDelays {

    private final Duration cap;

    public FirstGuessDelays(Duration cap) {
        DurationChecks.positive(cap, "retry.max_delay");
        this.cap = cap;
    }

    public Duration suggestDelay(ErrorCategory category, int attempt) {
        int a = Math.max(0, Math.min(attempt, 30));
        long millis = switch (category) {
            case RATE_LIMITED -> 5_000L * (a + 1);
            case CONNECTION -> 2_000L << a;
            case TIMEOUT, SERVER_ERROR -> 1_000L << a;
            case OTHER_IO, CLIENT_ERROR, OTHER -> 500L << a;
        };
        return millis >= cap.toMillis() || millis < 0 ? cap : Duration.ofMillis(millis);
    }
}
