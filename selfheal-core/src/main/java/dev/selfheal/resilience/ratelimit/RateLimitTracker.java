package dev.selfheal.resilience.ratelimit;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The latest rate-limit state an integration reported, merged from response headers. It says
 * when the integration is close to its limit (less than the warning share left before the
 * window resets) and calls {@code onLow} once each time that starts being true.
 */
public final class RateLimitTracker {

    private final double warnFraction;
    private final InstantSource clock;
    private final Consumer<RateLimitInfo> onLow;
    private final AtomicReference<RateLimitInfo> latest = new AtomicReference<>(RateLimitInfo.NONE);
    private final AtomicBoolean low = new AtomicBoolean();

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
        boolean nowLow = merged.isNearLimit(warnFraction, clock.instant());
        if (nowLow && low.compareAndSet(false, true)) {
            onLow.accept(merged);
        } else if (!nowLow) {
            low.set(false);
        }
    }

    public RateLimitInfo latest() {
        return latest.get();
    }

    /** True when less than the warning share of the window is left and it has not reset yet. */
    public boolean isNearLimit() {
        Instant now = clock.instant();
        return latest.get().isNearLimit(warnFraction, now);
    }
}
