package dev.selfheal.prediction.gauges;

import dev.selfheal.prediction.Resource;
import dev.selfheal.prediction.ResourceGauge;
import dev.selfheal.prediction.ResourceKind;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * An integration's rate-limit quota, as its responses' headers last told it (a guard's
 * {@code rateLimit()}): calls used of the window's allowance, and when the window resets. The
 * quota forecaster runs it out only if the current rate would spend the rest before that reset.
 * Empty until a response has said both the limit and what remains.
 */
public final class RateLimitQuotaGauge implements ResourceGauge {

    private final Resource resource;
    private final Supplier<RateLimitInfo> latest;

    public RateLimitQuotaGauge(String component, Supplier<RateLimitInfo> latest) {
        this.resource = new Resource(component, "quota");
        this.latest = Objects.requireNonNull(latest, "latest");
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.QUOTA;
    }

    @Override
    public Resource resource() {
        return resource;
    }

    @Override
    public Optional<Reading> read(Instant now) {
        RateLimitInfo info = latest.get();
        if (info == null || info.limit().isEmpty() || info.remaining().isEmpty() || info.limit().getAsLong() <= 0) {
            return Optional.empty();
        }
        long limit = info.limit().getAsLong();
        long used = Math.max(0, Math.min(limit, limit - info.remaining().getAsLong()));
        OptionalLong reset = info.resetAt().map(r -> OptionalLong.of(r.toEpochMilli())).orElse(OptionalLong.empty());
        return Optional.of(new Reading(used, limit, reset));
    }
}
