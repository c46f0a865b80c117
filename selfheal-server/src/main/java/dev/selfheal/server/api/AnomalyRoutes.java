package dev.selfheal.server.api;

import dev.selfheal.metrics.ScoreHistory;
import dev.selfheal.server.config.PerformanceConfig;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/components/{name}/anomalies?limit=N}: the recent anomaly scores over each of the
 * component's measured series (oldest first), as the performance monitor's anomaly watch gave
 * them. A component the monitor does not measure, or a daemon without {@code performance:} or
 * with anomaly detection off, answers with no series and says why ({@code enabled}).
 */
public final class AnomalyRoutes {

    private final Optional<ScoreHistory> scores;
    private final PerformanceConfig config;

    public AnomalyRoutes(Optional<ScoreHistory> scores, PerformanceConfig config) {
        this.scores = scores;
        this.config = config;
    }

    record PointView(Instant at, double value, double score, double confidence) { }

    record SeriesView(String series, String kind, List<PointView> points) { }

    record AnomaliesView(String component, boolean enabled, String detector, double alarmScore, double minConfidence,
                         List<SeriesView> series) { }

    public void register(Javalin app) {
        app.get("/api/components/{name}/anomalies", this::anomalies);
    }

    private void anomalies(Context ctx) {
        String component = ctx.pathParam("name");
        int limit = ctx.queryParam("limit") == null ? HealthRoutes.MAX_HISTORY_LIMIT : HealthRoutes.limit(ctx.queryParam("limit"));
        List<SeriesView> series = scores.map(h -> h.forComponent(component, limit)).orElse(List.of()).stream()
                .map(s -> new SeriesView(component + "/" + s.kind().key(), s.kind().key(),
                        s.points().stream().map(p -> new PointView(p.at(), p.value(), p.score(), p.confidence())).toList()))
                .toList();
        PerformanceConfig.Anomaly a = config.anomaly();
        ctx.json(new AnomaliesView(component, scores.isPresent(), a.detector(), a.minScore(), a.minConfidence(), series));
    }
}
