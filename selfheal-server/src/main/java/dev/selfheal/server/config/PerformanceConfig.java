package dev.selfheal.server.config;

import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.ThresholdPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code performance:} section: the performance monitor's cycle, limits, sources and
 * anomaly detection. Without the section the monitor does not run.
 *
 * @param enabled    whether the monitor runs ({@code true} as soon as the section is present)
 * @param interval   how often it assesses (default 10 s, the healing loop's cycle)
 * @param thresholds the limits: {@code thresholds:} for every component, {@code components:} per component
 * @param jvm        the component name for this daemon's own JVM and host figures, or empty for none
 * @param prometheus PromQL queries against a Prometheus server, if configured
 * @param anomaly    streaming anomaly detection over every measured series
 * @param prediction the exhaustion predictor and its resources ({@code prediction:}, {@code resources:})
 */
public record PerformanceConfig(boolean enabled, Duration interval, ThresholdPolicy thresholds, Optional<String> jvm,
                                Optional<Prometheus> prometheus, Anomaly anomaly, PredictionConfig prediction) {

    /** Without prediction. */
    public PerformanceConfig(boolean enabled, Duration interval, ThresholdPolicy thresholds, Optional<String> jvm,
                             Optional<Prometheus> prometheus, Anomaly anomaly) {
        this(enabled, interval, thresholds, jvm, prometheus, anomaly, PredictionConfig.none());
    }

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public PerformanceConfig {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(anomaly, "anomaly");
        Objects.requireNonNull(prediction, "prediction");
    }

    /** No section: the monitor does not run. */
    public static PerformanceConfig disabled() {
        return new PerformanceConfig(false, DEFAULT_INTERVAL, ThresholdPolicy.defaultPolicy(), Optional.empty(), Optional.empty(),
                Anomaly.defaults());
    }

    /**
     * A Prometheus server and the queries to run on it each cycle. Each query's result (an
     * instant vector's first sample, or a scalar) is one measurement of {@code kind} for
     * {@code component}.
     *
     * @param guard the integration whose guard the queries go through ({@code integrations:}),
     *              or empty for plain calls bounded by {@code timeout}
     */
    public record Prometheus(URI url, Duration timeout, Optional<String> guard, List<Query> queries) {
        public Prometheus {
            queries = List.copyOf(queries);
        }
    }

    public record Query(String component, MetricKind kind, String promql) {
    }

    /**
     * @param enabled       whether anomalies are looked for (default true)
     * @param detector      the detector's name (default {@code ensemble})
     * @param minScore      the score from which an anomaly is a problem (default: the detector's alarm level)
     * @param minConfidence the detector's confidence needed (default 1: learning is over)
     * @param maxSeries     the most series watched at once (default 10,000)
     * @param zone          the time zone whose days and weekends the series follow (default UTC, as for
     *                      the alerting zones: set it to where the people behind the traffic live)
     * @param resolution    the interval whose mean is one point for the detectors (default 5 minutes,
     *                      the rate they were measured at; zero: every measurement is a point)
     */
    public record Anomaly(boolean enabled, String detector, double minScore, double minConfidence, int maxSeries,
            java.time.ZoneId zone, Duration resolution) {
        public static final Duration DEFAULT_RESOLUTION = Duration.ofMinutes(5);

        public Anomaly {
            java.util.Objects.requireNonNull(zone, "zone");
            java.util.Objects.requireNonNull(resolution, "resolution");
        }

        public static Anomaly defaults() {
            return new Anomaly(true, dev.selfheal.anomaly.AnomalyDetectors.DEFAULT,
                    dev.selfheal.anomaly.AnomalyDetectors.alarmLevel(), 1.0, 10_000, java.time.ZoneOffset.UTC,
                    DEFAULT_RESOLUTION);
        }
    }
}
