package dev.selfheal.server.config;

import dev.selfheal.anomaly.AnomalyDetectors;
import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.ThresholdPolicy;
import dev.selfheal.metrics.Thresholds;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code performance:} section. Limits are written by the kind's key
 * ({@code response-time-p95: 100}, {@code cpu: 0.8}, ...); a bad limit, an unknown kind or a
 * query without a component is reported at its own key path.
 *
 * <pre>
 * performance:
 *   interval: 10s
 *   thresholds: { response-time-p95: 100, error-rate: 0.01, cpu: 0.8, memory: 0.85, concurrent-requests: 1000 }
 *   components:
 *     batch: { response-time-p95: 5000 }
 *   jvm: selfheal               # this daemon's own CPU and heap, as component "selfheal"; false for none
 *   prometheus:
 *     url: http://127.0.0.1:9090
 *     timeout: 2s
 *     guard: prometheus         # optional: an integration listed under integrations:
 *     queries:
 *       - { component: checkout, kind: response-time-p95, promql: 'histogram_quantile(0.95, ...) * 1000' }
 *   anomaly: { enabled: true, detector: ensemble, min-score: 0.68, min-confidence: 1.0, max-series: 10000, zone: Europe/Berlin,
 *              resolution: 5m }
 *   prediction: { horizon: 30m, min-confidence: 0.9 }   # see PredictionConfigReader
 *   resources: [ { component: worker, kind: disk, path: /var/spool/worker } ]
 * </pre>
 */
final class PerformanceConfigReader {

    private PerformanceConfigReader() {
    }

    /** @param integrations the guards the daemon builds: a {@code prometheus.guard} must name one of them */
    static PerformanceConfig read(MappingReader top, IntegrationsConfig integrations) {
        if (!top.has("performance")) {
            return PerformanceConfig.disabled();
        }
        MappingReader m = top.section("performance");
        boolean enabled = m.bool("enabled", true);
        Duration interval = m.duration("interval", PerformanceConfig.DEFAULT_INTERVAL, Duration.ofMillis(10));
        Thresholds defaults = thresholds(m.section("thresholds"), Thresholds.defaults());
        Map<String, Thresholds> perComponent = new LinkedHashMap<>();
        MappingReader components = m.section("components");
        for (String component : components.keys()) {
            components.has(component);
            perComponent.put(component, thresholds(components.section(component), defaults));
        }
        components.rejectUnknownKeys();
        Optional<String> jvm = jvm(m);
        Optional<PerformanceConfig.Prometheus> prometheus = m.has("prometheus") ? prometheus(m.section("prometheus"), integrations) : Optional.empty();
        PerformanceConfig.Anomaly anomaly = anomaly(m.section("anomaly"));
        PredictionConfig prediction = PredictionConfigReader.read(m);
        m.rejectUnknownKeys();
        return new PerformanceConfig(enabled, interval, new ThresholdPolicy(defaults, perComponent), jvm, prometheus, anomaly,
                prediction);
    }

    private static Thresholds thresholds(MappingReader m, Thresholds base) {
        Thresholds t = base;
        for (MetricKind kind : MetricKind.values()) {
            if (m.has(kind.key())) {
                double max = kind.isFraction() ? 0.999_999 : 1e12;
                t = t.with(kind, m.decimal(kind.key(), base.limit(kind), 1e-9, max));
            }
        }
        m.rejectUnknownKeys();
        return t;
    }

    private static Optional<String> jvm(MappingReader m) {
        if (!m.has("jvm")) {
            return Optional.of("selfheal");
        }
        String value = m.text("jvm", "selfheal").trim();
        return value.equals("false") || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<PerformanceConfig.Prometheus> prometheus(MappingReader m, IntegrationsConfig integrations) {
        Optional<String> url = m.requiredText("url");
        Duration timeout = m.duration("timeout", Duration.ofSeconds(2), Duration.ofMillis(1));
        Optional<String> guard = m.text("guard");
        if (guard.isPresent() && !integrations.guards().containsKey(guard.get())) {
            m.problem("guard", "no integration named '%s' is guarded; known: %s (list it under integrations:)"
                    .formatted(guard.get(), integrations.guards().keySet()));
            guard = Optional.empty();
        }
        List<PerformanceConfig.Query> queries = new ArrayList<>();
        for (MappingReader q : m.mappings("queries")) {
            Optional<String> component = q.requiredText("component");
            Optional<String> kindKey = q.requiredText("kind");
            Optional<String> promql = q.requiredText("promql");
            Optional<MetricKind> kind = Optional.empty();
            if (kindKey.isPresent()) {
                try {
                    kind = Optional.of(MetricKind.ofKey(kindKey.get()));
                } catch (IllegalArgumentException e) {
                    q.problem("kind", e.getMessage());
                }
            }
            q.rejectUnknownKeys();
            if (component.isPresent() && kind.isPresent() && promql.isPresent()) {
                queries.add(new PerformanceConfig.Query(component.get(), kind.get(), promql.get()));
            }
        }
        m.rejectUnknownKeys();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(url.get());
        } catch (IllegalArgumentException e) {
            m.problem("url", "must be a URL such as http://127.0.0.1:9090, got '" + url.get() + "'");
            return Optional.empty();
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            m.problem("url", "must be an http or https URL, got '" + url.get() + "'");
            return Optional.empty();
        }
        return Optional.of(new PerformanceConfig.Prometheus(uri, timeout, guard, queries));
    }

    private static PerformanceConfig.Anomaly anomaly(MappingReader m) {
        PerformanceConfig.Anomaly d = PerformanceConfig.Anomaly.defaults();
        boolean enabled = m.bool("enabled", d.enabled());
        String detector = m.text("detector", d.detector());
        if (!AnomalyDetectors.names().contains(detector)) {
            m.problem("detector", "unknown detector '" + detector + "'; known: " + AnomalyDetectors.names());
            detector = d.detector();
        }
        double minScore = m.decimal("min-score", d.minScore(), 0.01, 1);
        double minConfidence = m.decimal("min-confidence", d.minConfidence(), 0, 1);
        int maxSeries = m.integer("max-series", d.maxSeries(), 1, 1_000_000);
        java.time.ZoneId zone = m.zone("zone", d.zone());
        Duration resolution = m.duration("resolution", d.resolution(), Duration.ZERO);
        if (!resolution.isZero() && (resolution.compareTo(Duration.ofSeconds(1)) < 0 || resolution.compareTo(Duration.ofHours(1)) > 0)) {
            m.problem("resolution", "must be 0s (every measurement is a point) or between 1s and 1h, got "
                    + Durations.format(resolution));
            resolution = d.resolution();
        }
        m.rejectUnknownKeys();
        return new PerformanceConfig.Anomaly(enabled, detector, minScore, minConfidence, maxSeries, zone, resolution);
    }
}
