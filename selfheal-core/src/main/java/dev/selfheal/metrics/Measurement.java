package dev.selfheal.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of one kind of figure for one component, e.g. {@code checkout}'s p95 response
 * time of 140 ms. {@link #series()} names the stream it belongs to, for anomaly detection.
 */
public record Measurement(String component, MetricKind kind, double value, Instant at) {

    public Measurement {
        if (component == null || component.isBlank()) {
            throw new IllegalArgumentException("measurement component must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    /** {@code component/kind}, e.g. {@code checkout/response-time-p95}. */
    public String series() {
        return component + "/" + kind.key();
    }
}
