package dev.selfheal.server.api;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.Fallback;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.server.config.IntegrationsConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/breakers}: every integration's guard as it stands (breaker state and counts,
 * retry budget, outbox, rate limit). {@code POST /api/breakers/{name}/force-open} takes an
 * integration out until {@code POST /api/breakers/{name}/reset} puts it back.
 */
public final class BreakerRoutes {

    private static final Logger log = LoggerFactory.getLogger(BreakerRoutes.class);

    private final GuardRegistry guards;

    public BreakerRoutes(GuardRegistry guards) {
        this.guards = guards;
    }

    record Breakers(List<BreakerView> breakers) { }

    record BreakerView(String name, String state, String healthCheck, BreakerFigures breaker, RetryBudgetView retryBudget,
                       OutboxView outbox, RateLimitView rateLimit) { }

    /** {@code failureRate} is a percentage, null until the window holds enough calls. */
    record BreakerFigures(String mode, Integer failureThreshold, long recoveryTimeoutMs, Float failureRate, Float slowCallRate,
                          int bufferedCalls, int failedCalls, int successfulCalls, int slowCalls, long notPermittedCalls) { }

    record RetryBudgetView(long left, long granted, long refusals) { }

    /** {@code capacity} is null when the guard has no outbox fallback (nothing is parked then). */
    record OutboxView(long parked, Long capacity) { }

    /** Every figure is null until the integration's responses told it. */
    record RateLimitView(Long remaining, Long limit, Instant resetAt, boolean near) { }

    public void register(Javalin app) {
        app.get("/api/breakers", ctx -> ctx.json(new Breakers(guards.all().stream()
                .sorted(Comparator.comparing(Guard::integration)).map(BreakerRoutes::view).toList())));
        app.get("/api/breakers/{name}", ctx -> ctx.json(view(guard(ctx))));
        app.post("/api/breakers/{name}/force-open", ctx -> {
            Guard guard = guard(ctx);
            guard.forceOpen();
            log.warn("event=breaker_forced_open integration={} by=api remote={}", guard.integration(), ctx.ip());
            ctx.json(view(guard));
        });
        app.post("/api/breakers/{name}/reset", ctx -> {
            Guard guard = guard(ctx);
            guard.reset();
            log.info("event=breaker_reset integration={} by=api remote={}", guard.integration(), ctx.ip());
            ctx.json(view(guard));
        });
    }

    private Guard guard(Context ctx) {
        String name = ctx.pathParam("name");
        if (!guards.names().contains(name)) {
            throw ApiException.notFound("no integration named '%s'; known integrations: %s".formatted(name,
                    guards.names().isEmpty() ? "none" : String.join(", ", guards.names())));
        }
        return guards.guard(name);
    }

    static BreakerView view(Guard guard) {
        String name = guard.integration();
        String state = guard.state().name();
        CircuitBreaker.Metrics m = guard.circuitBreaker().getMetrics();
        BreakerSettings settings = guard.config().breaker();
        boolean consecutive = settings.mode() == BreakerSettings.Mode.CONSECUTIVE_FAILURES;
        BreakerFigures figures = new BreakerFigures(settings.mode().name().toLowerCase(Locale.ROOT),
                consecutive ? settings.failureThreshold() : null, settings.recoveryTimeout().toMillis(),
                m.getFailureRate() < 0 ? null : m.getFailureRate(), m.getSlowCallRate() < 0 ? null : m.getSlowCallRate(),
                m.getNumberOfBufferedCalls(), m.getNumberOfFailedCalls(), m.getNumberOfSuccessfulCalls(), m.getNumberOfSlowCalls(),
                m.getNumberOfNotPermittedCalls());
        Long capacity = guard.config().fallback() instanceof Fallback.Outbox o ? o.capacity() : null;
        RateLimitInfo rate = guard.rateLimit();
        RateLimitView rateLimit = new RateLimitView(
                rate.remaining().isPresent() ? rate.remaining().getAsLong() : null,
                rate.limit().isPresent() ? rate.limit().getAsLong() : null,
                rate.resetAt().orElse(null), guard.isNearRateLimit());
        return new BreakerView(name, state, IntegrationsConfig.checkName(name), figures,
                new RetryBudgetView(guard.retryBudgetLeft(), guard.retriesGranted(), guard.budgetRefusals()),
                new OutboxView(guard.parkedCount(), capacity), rateLimit);
    }
}
