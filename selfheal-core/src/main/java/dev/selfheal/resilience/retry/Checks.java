package dev.selfheal.resilience.retry;

import java.time.Duration;

/** Argument checks whose messages name the config key and the bad value. */
final class Checks {

    private Checks() { }

    static void positive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
        }
    }

    static void notNegative(Duration d, String key) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be zero or positive, got " + d);
        }
    }
}
