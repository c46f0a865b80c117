package dev.selfheal.server.config;

import dev.selfheal.metrics.MetricKind;
import dev.selfheal.metrics.Thresholds;
import dev.selfheal.redaction.Redaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code performance:} section for the redacted config dump, in the shape
 * {@link PerformanceConfigReader} reads: read back, it gives the same {@link PerformanceConfig}
 * (a test holds it to that). Every key is written, defaults included, so the dump shows what the
 * monitor will actually do; without a section in the file it shows {@code enabled: false} and
 * {@code jvm: false}, which read back as "no section". A Prometheus URL is shown with any
 * credentials in it masked.
 */
final class PerformanceDump {

    private PerformanceDump() { }

    static Map<String, Object> tree(PerformanceConfig p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", p.enabled());
        m.put("interval", Durations.format(p.interval()));
        m.put("thresholds", limits(p.thresholds().defaults()));
        Map<String, Object> components = new LinkedHashMap<>();
        new TreeMap<>(p.thresholds().perComponent()).forEach((name, limits) -> components.put(name, limits(limits)));
        m.put("components", components);
        m.put("jvm", p.jvm().<Object>map(name -> name).orElse(false));
        p.prometheus().ifPresent(prom -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("url", Redaction.url(prom.url().toString()));
            x.put("timeout", Durations.format(prom.timeout()));
            prom.guard().ifPresent(g -> x.put("guard", g));
            List<Object> queries = new ArrayList<>();
            for (PerformanceConfig.Query q : prom.queries()) {
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("component", q.component());
                query.put("kind", q.kind().key());
                query.put("promql", q.promql());
                queries.add(query);
            }
            x.put("queries", queries);
            m.put("prometheus", x);
        });
        PerformanceConfig.Anomaly a = p.anomaly();
        Map<String, Object> anomaly = new LinkedHashMap<>();
        anomaly.put("enabled", a.enabled());
        anomaly.put("detector", a.detector());
        anomaly.put("min-score", a.minScore());
        anomaly.put("min-confidence", a.minConfidence());
        anomaly.put("max-series", a.maxSeries());
        anomaly.put("zone", a.zone().getId());
        anomaly.put("resolution", Durations.format(a.resolution()));
        m.put("anomaly", anomaly);
        PredictionConfig pc = p.prediction();
        Map<String, Object> prediction = new LinkedHashMap<>();
        prediction.put("enabled", pc.enabled());
        prediction.put("interval", Durations.format(pc.interval()));
        prediction.put("horizon", Durations.format(pc.horizon()));
        prediction.put("min-confidence", pc.minConfidence());
        prediction.put("min-readings", pc.minReadings());
        prediction.put("persistence", Durations.format(pc.persistence()));
        m.put("prediction", prediction);
        List<Object> resources = new ArrayList<>();
        for (PredictionConfig.ResourceSpec r : pc.resources()) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("component", r.component());
            resource.put("kind", r.kind().key());
            r.path().ifPresent(path -> resource.put("path", path.toString()));
            r.limit().ifPresent(limit -> resource.put("limit-bytes", limit));
            resources.add(resource);
        }
        m.put("resources", resources);
        return m;
    }

    private static Map<String, Object> limits(Thresholds t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MetricKind kind : MetricKind.values()) {
            m.put(kind.key(), t.limit(kind));
        }
        return m;
    }
}
