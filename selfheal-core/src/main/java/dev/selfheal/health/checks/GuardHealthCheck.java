package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.status.BreakerState;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.HumanDuration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An integration's health as its guard sees it, without calling it: UNHEALTHY while the
 * breaker refuses calls; DEGRADED while it is half-open, after a reset until a call succeeds
 * (a reset proves nothing about the integration), while the integration is close to its rate
 * limit (less than the warning share left) or has asked not to be called until its window
 * resets, or while calls wait in the outbox.
 *
 * <p>It lives here rather than beside {@link Guard} because resilience sits below health: a
 * guard knows nothing of checks, and this check only reads the guard's public state.
 */
public final class GuardHealthCheck implements HealthCheck {

    private final Guard guard;

    public GuardHealthCheck(Guard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResult check() {
        BreakerState state = guard.state();
        RateLimitInfo rate = guard.rateLimit();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("breaker", state.name().toLowerCase(java.util.Locale.ROOT));
        details.put("parked", guard.parkedCount());
        rate.remaining().ifPresent(r -> details.put("rate_limit_remaining", r));
        rate.limit().ifPresent(l -> details.put("rate_limit_limit", l));
        rate.resetAt().ifPresent(r -> details.put("rate_limit_reset", r.toString()));
        String who = guard.integration();
        if (state.refusesCalls()) {
            return HealthCheckResult.unhealthy("%s: circuit breaker %s".formatted(who, state)).withDetails(details);
        }
        if (state == BreakerState.HALF_OPEN) {
            return HealthCheckResult.degraded("%s: circuit breaker half-open, trial calls only".formatted(who)).withDetails(details);
        }
        if (guard.untestedSinceReset()) {
            details.put("untested_since_reset", true);
            return HealthCheckResult.degraded("%s: circuit breaker reset; no call has succeeded since".formatted(who)).withDetails(details);
        }
        var hold = guard.rateLimitHold();
        if (hold.isPresent()) {
            details.put("rate_limit_hold_seconds", hold.get().toSeconds());
            return HealthCheckResult.degraded("%s: rate limited, no call before its window resets in %s (%d call(s) parked)".formatted(who,
                    HumanDuration.of(hold.get()), guard.parkedCount())).withDetails(details);
        }
        if (guard.isNearRateLimit()) {
            return HealthCheckResult.degraded("%s: close to its rate limit (%s of %s left)".formatted(who,
                    rate.remaining().isPresent() ? rate.remaining().getAsLong() : "?",
                    rate.limit().isPresent() ? rate.limit().getAsLong() : "?")).withDetails(details);
        }
        if (guard.parkedCount() > 0) {
            return HealthCheckResult.degraded("%s: %d call(s) parked in the outbox".formatted(who, guard.parkedCount())).withDetails(details);
        }
        return HealthCheckResult.healthy("%s: breaker closed".formatted(who)).withDetails(details);
    }
}
