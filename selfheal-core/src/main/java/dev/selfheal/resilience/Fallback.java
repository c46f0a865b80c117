package dev.selfheal.resilience;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;

/**
 * What a guard does when its integration cannot take a call: the breaker is open, the
 * bulkhead is full, retries are exhausted, the retry budget is spent, or a rate limit would
 * outlast the deadline. A failure that is not retryable (a 400, a 401) never falls back: it
 * is the caller's to see.
 */
public sealed interface Fallback {

    /** No fallback: the {@link GuardException} reaches the caller. */
    record None() implements Fallback { }

    /**
     * Answer reads with the last good value of the same operation, if it is not older than
     * {@code maxAge}; {@code maxEntries} operations are remembered (least recently used go first).
     */
    record LastGoodValue(int maxEntries, Duration maxAge) implements Fallback {
        public LastGoodValue {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("fallback.last_good_value.max_entries must be >= 1, got " + maxEntries);
            }
            DurationChecks.positive(maxAge, "fallback.last_good_value.max_age");
        }
    }

    /** Turn {@code feature} off: the caller is told which feature is off instead of getting a value. */
    record Degrade(String feature) implements Fallback {
        public Degrade {
            if (feature == null || feature.isBlank()) {
                throw new IllegalArgumentException("fallback.degrade.feature must name the feature that goes off");
            }
        }
    }

    /**
     * Park sends in the durable outbox, replayed in order once the breaker closes. Up to
     * {@code capacity} calls are parked; an {@code OutboxFilling} event warns at
     * {@code warnFraction} of it.
     */
    record Outbox(long capacity, double warnFraction) implements Fallback {
        public Outbox {
            if (capacity < 1) {
                throw new IllegalArgumentException("fallback.outbox.capacity must be >= 1, got " + capacity);
            }
            if (!(warnFraction > 0 && warnFraction <= 1)) {
                throw new IllegalArgumentException("fallback.outbox.warn_fraction must be within (0, 1], got " + warnFraction);
            }
        }
    }

    static Fallback none() {
        return new None();
    }

    static Fallback lastGoodValue(int maxEntries, Duration maxAge) {
        return new LastGoodValue(maxEntries, maxAge);
    }

    static Fallback degrade(String feature) {
        return new Degrade(feature);
    }

    /** An outbox of 10,000 calls, warning at 80 %. */
    static Fallback outbox() {
        return new Outbox(10_000, 0.8);
    }

    static Fallback outbox(long capacity) {
        return new Outbox(capacity, 0.8);
    }
}
