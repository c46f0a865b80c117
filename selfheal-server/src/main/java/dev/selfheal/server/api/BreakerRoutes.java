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
 * {@code GET /api/breakers}: every guard as it stands (breaker state and counts, retry budget,
 * outbox, rate limit): the integrations' guards and the notification receivers' guards
 * ({@code notify-<receiver>}, kind {@code notification}). {@code POST /api/breakers/{name}/force-open}
 * takes one out until {@code POST /api/breakers/{name}/reset} puts it back.
 */
public final class BreakerRoutes {

    private static final Logger log = LoggerFactory.getLogger(BreakerRoutes.class);

    /**
     * What a guard protects: an integration's calls (the daemon's own guards), a notification
     * receiver's channel, or the calls of a service the daemon supervises that shows its guards
     * here (the demo's orchestrator: {@code GuardWiring.showGuards}).
     */
    public enum Kind { INTEGRATION, NOTIFICATION, SERVICE }

    /** The guards of one registry, all of one kind. */
    public record Guards(GuardRegistry registry, Kind kind) { }

    private final List<Guards> sources;

    public BreakerRoutes(GuardRegistry guards) {
        this(List.of(new Guards(guards, Kind.INTEGRATION)));
    }

    /**
     * Several registries; a name is looked up in them in order. The list is read at each request,
     * not copied, so that a registry added later (a concurrent list) shows up.
     */
    public BreakerRoutes(List<Guards> sources) {
        this.sources = sources;
    }

    record Breakers(List<BreakerView> breakers) { }

    /** {@code healthCheck} is null for a notification receiver's guard (it has no check of its own). */
    record BreakerView(String name, String kind, String state, String healthCheck, BreakerFigures breaker, RetryBudgetView retryBudget,
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
        app.get("/api/breakers", ctx -> ctx.json(new Breakers(sources.stream()
                .flatMap(s -> s.registry().all().stream().map(g -> view(g, s.kind())))
                .sorted(Comparator.comparing(BreakerView::kind).thenComparing(BreakerView::name)).toList())));
        app.get("/api/breakers/{name}", ctx -> ctx.json(find(ctx).view()));
        app.post("/api/breakers/{name}/force-open", ctx -> {
            Found found = find(ctx);
            found.guard().forceOpen();
            log.warn("event=breaker_forced_open integration={} kind={} by=api remote={}", found.guard().integration(), found.kind(), ctx.ip());
            ctx.json(found.view());
        });
        app.post("/api/breakers/{name}/reset", ctx -> {
            Found found = find(ctx);
            found.guard().reset();
            log.info("event=breaker_reset integration={} kind={} by=api remote={}", found.guard().integration(), found.kind(), ctx.ip());
            ctx.json(found.view());
        });
    }

    private record Found(Guard guard, Kind kind) {
        BreakerView view() {
            return BreakerRoutes.view(guard, kind);
        }
    }

    private Found find(Context ctx) {
        String name = ctx.pathParam("name");
        for (Guards s : sources) {
            if (s.registry().names().contains(name)) {
                return new Found(s.registry().guard(name), s.kind());
            }
        }
        List<String> known = sources.stream().flatMap(s -> s.registry().names().stream()).sorted().toList();
        throw ApiException.notFound("no breaker named '%s'; known breakers: %s".formatted(name,
                known.isEmpty() ? "none" : String.join(", ", known)));
    }

    static BreakerView view(Guard guard) {
        return view(guard, Kind.INTEGRATION);
    }

    static BreakerView view(Guard guard, Kind kind) {
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
        return new BreakerView(name, kind.name().toLowerCase(Locale.ROOT), state,
                kind == Kind.INTEGRATION ? IntegrationsConfig.checkName(name) : null, figures,
                new RetryBudgetView(guard.retryBudgetLeft(), guard.retriesGranted(), guard.budgetRefusals()),
                new OutboxView(guard.parkedCount(), capacity), rateLimit);
    }
}
