package dev.selfheal.time;

import java.time.Duration;

/**
 * The checks every setting that is a length of time goes through, with one wording: the
 * message starts with the setting's key (as the config spells it) and ends with the bad value.
 */
public final class DurationChecks {

    private DurationChecks() { }

    /** {@code value}, when it is set and longer than zero. */
    public static Duration positive(Duration value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + value);
        }
        return value;
    }

    /**
     * As {@link #positive(Duration, String)}, with the key written as {@code keyFormat} filled
     * with {@code arg} only when the check fails: for checks on a hot path, where building the
     * key on every call would cost an allocation.
     */
    public static Duration positive(Duration value, String keyFormat, Object arg) {
        if (value == null || value.isNegative() || value.isZero()) {
            positive(value, keyFormat.formatted(arg));
        }
        return value;
    }

    /** {@code value}, when it is set and not negative: zero means "not at all" where it is allowed. */
    public static Duration notNegative(Duration value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be set");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(key + " must be zero or a positive duration, got " + value);
        }
        return value;
    }
}
