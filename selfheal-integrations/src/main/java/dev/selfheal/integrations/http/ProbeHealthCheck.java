package dev.selfheal.integrations.http;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.resilience.CallRejectedException;
import dev.selfheal.resilience.ratelimit.RateLimitHeaders;
import dev.selfheal.resilience.ratelimit.RateLimitInfo;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The health of an API from one probe request (GitHub {@code /rate_limit}, Slack
 * {@code auth.test}, Linear {@code viewer}, Codegen {@code /v1/users/me}), made through the
 * integration's guard:
 *
 * <ul>
 *   <li>401/403 (or the API's own "invalid auth") → UNHEALTHY "credentials rejected" (the guard
 *       does not retry it);</li>
 *   <li>network failure, timeout or 5xx → UNHEALTHY;</li>
 *   <li>breaker open (the guard refused the probe, so the far side was not seen now): the last
 *       answer the far side gave to any call of this client decides: a network failure or 5xx
 *       stays UNHEALTHY, a rate limit or a success is DEGRADED (a breaker opened by rate limiting
 *       is not a dead service);</li>
 *   <li>rate limited, or less than {@code quotaWarnFraction} (10 %) of the quota left → DEGRADED;</li>
 *   <li>a correct answer slower than {@code degradedAfter} → DEGRADED;</li>
 *   <li>else HEALTHY.</li>
 * </ul>
 */
public final class ProbeHealthCheck implements HealthCheck {

    public static final double DEFAULT_QUOTA_WARN_FRACTION = 0.10;

    private final String integration;
    private final Callable<ApiResponse> probe;
    private final Duration degradedAfter;
    private final double quotaWarnFraction;
    private final Supplier<Optional<Exception>> lastFarSideFailure;

    public ProbeHealthCheck(String integration, Callable<ApiResponse> probe, Duration degradedAfter, double quotaWarnFraction,
                            Supplier<Optional<Exception>> lastFarSideFailure) {
        this.lastFarSideFailure = lastFarSideFailure;
        this.integration = integration;
        this.probe = probe;
        this.degradedAfter = degradedAfter;
        this.quotaWarnFraction = quotaWarnFraction;
    }

    @Override
    public HealthCheckResult check() {
        ApiResponse response;
        try {
            response = probe.call();
        } catch (Exception e) {
            if (cause(e, CallRejectedException.class) != null) {
                Optional<Exception> last = lastFarSideFailure.get();
                HealthCheckResult lastSeen = last.map(this::failed).orElse(null);
                HealthStatus verdict = lastSeen != null && lastSeen.status() == HealthStatus.UNHEALTHY ? HealthStatus.UNHEALTHY : HealthStatus.DEGRADED;
                return HealthCheckResult.of(verdict, integration + ": not probed (" + e.getMessage() + "); last answer: "
                        + (lastSeen == null ? "success" : lastSeen.message()), Map.of("breaker_open", true));
            }
            return failed(e);
        }
        return answered(response);
    }

    private HealthCheckResult answered(ApiResponse response) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("latency_ms", response.latency().toMillis());
        RateLimitInfo quota = RateLimitHeaders.parse(response.headers(), Instant.now());
        quota.remaining().ifPresent(r -> details.put("rate_limit_remaining", r));
        quota.limit().ifPresent(l -> details.put("rate_limit_limit", l));
        if (quota.remaining().isPresent() && quota.limit().isPresent() && quota.limit().getAsLong() > 0
                && quota.remaining().getAsLong() < quotaWarnFraction * quota.limit().getAsLong()) {
            return HealthCheckResult.of(HealthStatus.DEGRADED, "%s quota low: %d of %d requests left".formatted(
                    integration, quota.remaining().getAsLong(), quota.limit().getAsLong()), details);
        }
        if (response.latency().compareTo(degradedAfter) > 0) {
            return HealthCheckResult.of(HealthStatus.DEGRADED, "%s answered slowly: %d ms (threshold %d ms)".formatted(
                    integration, response.latency().toMillis(), degradedAfter.toMillis()), details);
        }
        return HealthCheckResult.of(HealthStatus.HEALTHY, integration + " answered in " + response.latency().toMillis() + " ms", details);
    }

    private HealthCheckResult failed(Exception error) {
        HttpStatusException http = cause(error, HttpStatusException.class);
        ApiErrorException api = cause(error, ApiErrorException.class);
        if (api != null && api.credentialsRejected()) {
            return unhealthy("credentials rejected: " + api.code(), Map.of("error", api.code()));
        }
        if (http != null) {
            int s = http.status();
            boolean spent = s == 429 || (s == 403 && http.header("X-RateLimit-Remaining").map("0"::equals).orElse(false));
            if (spent) {
                return HealthCheckResult.of(HealthStatus.DEGRADED, integration + " is rate limited (HTTP " + s + ")",
                        Map.of("status_code", s));
            }
            if (s == 401 || s == 403) {
                return unhealthy("credentials rejected (HTTP " + s + ")", Map.of("status_code", s));
            }
            return unhealthy("HTTP " + s, Map.of("status_code", s));
        }
        if (cause(error, TimeoutException.class) != null || cause(error, java.net.http.HttpTimeoutException.class) != null) {
            return unhealthy("timed out", Map.of());
        }
        if (cause(error, IOException.class) != null) {
            return unhealthy("unreachable: " + cause(error, IOException.class), Map.of());
        }
        if (api != null) {
            return unhealthy("refused: " + api.code(), Map.of("error", api.code()));
        }
        return unhealthy("probe failed: " + error, Map.of());
    }

    private HealthCheckResult unhealthy(String why, Map<String, Object> details) {
        return HealthCheckResult.of(HealthStatus.UNHEALTHY, integration + ": " + why, details);
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
