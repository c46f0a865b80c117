package dev.selfheal.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of a check found.
 *
 * @param status    what the check concluded
 * @param message   one human-readable line, e.g. "HTTP 503 from https://…/zen"
 * @param details   small structured facts (status code, free bytes, …); values are strings,
 *                  numbers or booleans so that every store and API can render them
 * @param latency   how long the check took
 * @param timestamp when the check finished
 */
public record HealthCheckResult(
        HealthStatus status, String message, Map<String, Object> details, Duration latency, Instant timestamp) {

    public HealthCheckResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        details = details == null ? Map.of() : Map.copyOf(details);
        latency = latency == null ? Duration.ZERO : latency;
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A result a check returns; the engine fills in latency and timestamp. */
    public static HealthCheckResult of(HealthStatus status, String message, Map<String, Object> details) {
        return new HealthCheckResult(status, message, details, Duration.ZERO, Instant.EPOCH);
    }

    public static HealthCheckResult healthy(String message) {
        return of(HealthStatus.HEALTHY, message, Map.of());
    }

    public static HealthCheckResult degraded(String message) {
        return of(HealthStatus.DEGRADED, message, Map.of());
    }

    public static HealthCheckResult unhealthy(String message) {
        return of(HealthStatus.UNHEALTHY, message, Map.of());
    }

    public HealthCheckResult withDetails(Map<String, Object> moreDetails) {
        var merged = new java.util.LinkedHashMap<String, Object>(details);
        merged.putAll(moreDetails);
        return new HealthCheckResult(status, message, merged, latency, timestamp);
    }

    /** The same finding, stamped by the engine with how long it took and when it ended. */
    public HealthCheckResult stamped(Duration latency, Instant timestamp) {
        return new HealthCheckResult(status, message, details, latency, timestamp);
    }
}
