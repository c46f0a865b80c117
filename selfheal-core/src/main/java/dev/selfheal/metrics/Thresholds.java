package dev.selfheal.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One limit per {@link MetricKind}, immutable. {@link #defaults()} holds the default figures
 * (p95 response 100 ms, error rate 1 %, CPU 80 %, memory 85 %, 1000 concurrent requests);
 * {@link #with} returns a copy with one limit changed and refuses a limit that cannot work,
 * naming the kind and the value.
 */
public final class Thresholds {

    private static final Thresholds DEFAULTS = new Thresholds(defaultLimits());

    private final Map<MetricKind, Double> limits;

    private Thresholds(EnumMap<MetricKind, Double> limits) {
        this.limits = Collections.unmodifiableMap(limits);
    }

    public static Thresholds defaults() {
        return DEFAULTS;
    }

    public Thresholds with(MetricKind kind, double limit) {
        if (!(limit > 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("threshold " + kind.key() + " must be a positive number: " + limit);
        }
        if (kind.isFraction() && limit >= 1) {
            throw new IllegalArgumentException("threshold " + kind.key() + " is a fraction and must be below 1: " + limit
                    + " (write 0.8 for 80 %)");
        }
        EnumMap<MetricKind, Double> copy = new EnumMap<>(limits);
        copy.put(kind, limit);
        return new Thresholds(copy);
    }

    public double limit(MetricKind kind) {
        return limits.get(kind);
    }

    private static EnumMap<MetricKind, Double> defaultLimits() {
        EnumMap<MetricKind, Double> limits = new EnumMap<>(MetricKind.class);
        for (MetricKind kind : MetricKind.values()) {
            limits.put(kind, kind.defaultLimit());
        }
        return limits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Thresholds other && limits.equals(other.limits);
    }

    @Override
    public int hashCode() {
        return limits.hashCode();
    }

    @Override
    public String toString() {
        return "Thresholds" + limits;
    }
}
