package dev.selfheal.alerting.routing;

import java.util.function.LongSupplier;

/** A token bucket over an injected monotonic clock: {@code perMinute} tokens a minute, burst the same. */
final class TokenBucket {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int perMinute, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
        this.tokens = perMinute;
        this.last = nanoTime.getAsLong();
    }

    synchronized boolean tryAcquire() {
        if (perMinute == 0) {
            return true;
        }
        long now = nanoTime.getAsLong();
        tokens = Math.min(perMinute, tokens + (now - last) * (double) perMinute / MINUTE_NANOS);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
