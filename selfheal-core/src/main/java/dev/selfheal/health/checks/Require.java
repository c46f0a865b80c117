package dev.selfheal.health.checks;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.Optional;

/**
 * Validation for the checks' settings records. Every message starts with the setting's config
 * key (as the YAML file spells it) and ends with the bad value, so a user can find the line.
 */
final class Require {

    private Require() { }

    static void that(boolean condition, String message, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(message.formatted(args));
        }
    }

    static <T> T nonNull(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
        return value;
    }

    /** Optional settings may be empty, never null: null is turned into a clear error. */
    static <T> Optional<T> optional(Optional<T> value, String key) {
        return nonNull(value, key);
    }

    static String nonBlank(String value, String key) {
        that(value != null && !value.isBlank(), "%s must not be blank: '%s'", key, value);
        return value;
    }

    static Duration positive(Duration value, String key) {
        return DurationChecks.positive(value, key);
    }

    /** A ratio in [0, 1]: a share of heap, of wall time, of disk. */
    static double ratio(double value, String key) {
        that(value >= 0.0 && value <= 1.0, "%s must be within 0-1: %s", key, value);
        return value;
    }

    /** For "used" ratios the degraded threshold is reached first, so it may not exceed the unhealthy one. */
    static void usedThresholds(double degraded, String degradedKey, double unhealthy, String unhealthyKey) {
        ratio(degraded, degradedKey);
        ratio(unhealthy, unhealthyKey);
        that(degraded <= unhealthy, "%s must not exceed %s (%s): %s", degradedKey, unhealthyKey, unhealthy, degraded);
    }

    /** For "free" ratios the degraded threshold is reached first, so it may not be below the unhealthy one. */
    static void freeThresholds(double degraded, String degradedKey, double unhealthy, String unhealthyKey) {
        ratio(degraded, degradedKey);
        ratio(unhealthy, unhealthyKey);
        that(degraded >= unhealthy, "%s must not be below %s (%s): %s", degradedKey, unhealthyKey, unhealthy, degraded);
    }
}
