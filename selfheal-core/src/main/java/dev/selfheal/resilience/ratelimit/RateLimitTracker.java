package dev.selfheal.resilience.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The latest rate-limit state an integration reported, merged from response headers. It says
 * when the integration is close to its limit (less than the warning share left before the
 * window resets) and calls {@code onLow} once each time that starts being true.
 *
 * <p>It also says until when the integration has asked not to be called at all: a response
 * with {@code Retry-After}, or one that said nothing is left of the window, holds calls until
 * that wait is over (GitHub, for one, asks clients not to call again before the reset, and
 * may block those that do). A later response that says requests are left again lifts it.
 */
public final class RateLimitTracker {

    private final double warnFraction;
    private final InstantSource clock;
    private final Consumer<RateLimitInfo> onLow;
    private final AtomicReference<RateLimitInfo> latest = new AtomicReference<>(RateLimitInfo.NONE);
    private final AtomicBoolean low = new AtomicBoolean();
    /** Epoch millis until which calls are held; 0 when none is (the common case costs one volatile read). */
    private volatile long heldUntilMillis;

    public RateLimitTracker(double warnFraction, InstantSource clock, Consumer<RateLimitInfo> onLow) {
        this.warnFraction = warnFraction;
        this.clock = clock;
        this.onLow = onLow;
    }

    /** Takes what a response said; parts it did not say keep their last value. */
    public void observe(RateLimitInfo info) {
        if (info.isEmpty()) {
            return;
        }
        RateLimitInfo merged = latest.updateAndGet(old -> new RateLimitInfo(
                info.retryAfter(),
                info.remaining().isPresent() ? info.remaining() : old.remaining(),
                info.limit().isPresent() ? info.limit() : old.limit(),
                info.resetAt().isPresent() ? info.resetAt() : old.resetAt()));
        Instant now = clock.instant();
        Optional<Duration> wait = info.requiredWait(now);
        if (wait.isPresent() && wait.get().isPositive()) {
            heldUntilMillis = now.plus(wait.get()).toEpochMilli();
        } else if (info.remaining().isPresent() && info.remaining().getAsLong() > 0) {
            heldUntilMillis = 0L;
        }
        boolean nowLow = merged.isNearLimit(warnFraction, now);
        if (nowLow && low.compareAndSet(false, true)) {
            onLow.accept(merged);
        } else if (!nowLow) {
            low.set(false);
        }
    }

    public RateLimitInfo latest() {
        return latest.get();
    }

    /**
     * Epoch millis until which the integration asked not to be called, or 0. It may be in the
     * past: callers compare it with their clock (see {@link #holdLeft}).
     */
    public long heldUntilMillis() {
        return heldUntilMillis;
    }

    /** How long calls are still held, if they are. */
    public Optional<Duration> holdLeft() {
        long until = heldUntilMillis;
        if (until == 0L) {
            return Optional.empty();
        }
        long left = until - clock.millis();
        return left > 0 ? Optional.of(Duration.ofMillis(left)) : Optional.empty();
    }

    /** True when less than the warning share of the window is left and it has not reset yet. */
    public boolean isNearLimit() {
        Instant now = clock.instant();
        return latest.get().isNearLimit(warnFraction, now);
    }
}
