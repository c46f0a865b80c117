package dev.selfheal.server.api;

import dev.selfheal.prediction.ExhaustionPredictor;
import dev.selfheal.prediction.Forecast;
import dev.selfheal.prediction.ResourceForecast;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/predictions}: the exhaustion predictor's latest forecast of every resource
 * ({@code performance.resources}), with its band, confidence and method, and whether it warns.
 * A daemon without resources answers {@code enabled: false} and no forecasts.
 */
public final class PredictionRoutes {

    private final Optional<ExhaustionPredictor> predictor;

    public PredictionRoutes(Optional<ExhaustionPredictor> predictor) {
        this.predictor = predictor;
    }

    record ForecastView(String component, String resource, double used, double limit, int readings, String method,
                        Double secondsToExhaustion, Instant expected, Instant earliest, Instant latest, double confidence,
                        Double heldOutError, boolean warning, String summary) { }

    record PredictionsView(boolean enabled, Long horizonSeconds, Double minConfidence, List<ForecastView> forecasts) { }

    public void register(Javalin app) {
        app.get("/api/predictions", this::predictions);
    }

    private void predictions(Context ctx) {
        if (predictor.isEmpty()) {
            ctx.json(new PredictionsView(false, null, null, List.of()));
            return;
        }
        ExhaustionPredictor p = predictor.get();
        List<ForecastView> views = p.forecasts().stream().map(PredictionRoutes::view).toList();
        ctx.json(new PredictionsView(true, p.settings().horizon().toSeconds(), p.settings().minConfidence(), views));
    }

    private static ForecastView view(ResourceForecast r) {
        Forecast f = r.forecast();
        return new ForecastView(r.resource().component(), r.resource().name(), r.used(), r.limit(), r.readings(), f.method(),
                f.timeToExhaustion().map(d -> d.toMillis() / 1000.0).orElse(null), f.expected().orElse(null),
                f.earliest().orElse(null), f.latest().orElse(null), f.confidence(),
                Double.isNaN(f.heldOutError()) ? null : f.heldOutError(), r.warning(), r.describe());
    }
}
