package dev.selfheal.demo.sim.quota;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A fixed-window request quota, as GitHub's and Linear's rate limits behave from a client's
 * point of view: {@code limit} requests per window, counted from the first request of the
 * window, all back at the reset.
 */
public final class FixedWindowQuota {

    /** The quota as the rate-limit headers report it. */
    public record Snapshot(long limit, long remaining, long used, Instant resetAt) {
        public boolean exhausted() {
            return remaining <= 0;
        }
    }

    private final long limit;
    private final Duration window;
    private final InstantSource clock;
    private Instant resetAt;
    private long used;

    public FixedWindowQuota(long limit, Duration window, InstantSource clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("quota limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.resetAt = clock.instant().plus(window);
    }

    /** The outcome of asking for one request's worth of quota. */
    public record Admission(boolean allowed, Snapshot snapshot) { }

    /** Counts one request when quota is left; refuses it (counting nothing) when the quota is spent. */
    public Admission consume() {
        return consume(1);
    }

    /** Counts {@code amount} units (a query's complexity, say) when that many are left; refuses otherwise. */
    public synchronized Admission consume(long amount) {
        roll();
        if (used + amount > limit) {
            return new Admission(false, snapshot());
        }
        used += amount;
        return new Admission(true, snapshot());
    }

    /** The quota without counting a request. */
    public synchronized Snapshot peek() {
        roll();
        return snapshot();
    }

    private void roll() {
        Instant now = clock.instant();
        if (!now.isBefore(resetAt)) {
            used = 0;
            resetAt = now.plus(window);
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(limit, limit - used, used, resetAt);
    }
}
