package dev.selfheal.metrics;

import dev.selfheal.incident.ProblemType;

/**
 * What a performance measurement measures, its default limit, and the problem a
 * violation or an anomaly of it becomes. Fractions (error rate, CPU, memory) are 0..1.
 */
public enum MetricKind {
    /** 95th percentile response time, in milliseconds. */
    RESPONSE_TIME_P95("response-time-p95", 100, false, ProblemType.PERFORMANCE_DEGRADATION),
    /** Failed calls over all calls, 0..1. */
    ERROR_RATE("error-rate", 0.01, true, ProblemType.PERFORMANCE_DEGRADATION),
    /** CPU in use, 0..1. */
    CPU_USAGE("cpu", 0.80, true, ProblemType.HIGH_CPU_USAGE),
    /** Memory in use, 0..1. */
    MEMORY_USAGE("memory", 0.85, true, ProblemType.HIGH_MEMORY_USAGE),
    /** Requests in flight. */
    CONCURRENT_REQUESTS("concurrent-requests", 1000, false, ProblemType.PERFORMANCE_DEGRADATION);

    private final String key;
    private final double defaultLimit;
    private final boolean fraction;
    private final ProblemType problemType;

    MetricKind(String key, double defaultLimit, boolean fraction, ProblemType problemType) {
        this.key = key;
        this.defaultLimit = defaultLimit;
        this.fraction = fraction;
        this.problemType = problemType;
    }

    /** The name used in config and evidence, e.g. {@code response-time-p95}. */
    public String key() {
        return key;
    }

    public double defaultLimit() {
        return defaultLimit;
    }

    /** True when values are shares of a whole (0..1), so a limit must lie below 1. */
    public boolean isFraction() {
        return fraction;
    }

    public ProblemType problemType() {
        return problemType;
    }

    /** The kind with this config key; the message lists the known keys. */
    public static MetricKind ofKey(String key) {
        for (MetricKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown metric kind '" + key + "'; known: "
                + java.util.Arrays.stream(values()).map(MetricKind::key).toList());
    }
}
