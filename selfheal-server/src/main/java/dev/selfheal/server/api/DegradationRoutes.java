package dev.selfheal.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/degradation}: the level, the score and its parts, the feature toggles, the
 * pin and the floor. {@code PUT /api/degradation}: {@code {"level": 2}} pins a level,
 * {@code {"level": null}} unpins; an optional {@code "reason"} goes to the log and the event.
 */
final class DegradationRoutes {

    /** Every feature the levels switch, in the order they go off. */
    static final List<String> FEATURES = List.of("advanced_analytics", "batch_processing", "reporting", "notifications",
            "write_operations", "integrations", "health_checks", "status_page");

    private final HealingContext healing;

    DegradationRoutes(HealingContext healing) {
        this.healing = healing;
    }

    /**
     * {@code wantedLevel}: what the score and an active floor ask for now; when it is below
     * {@code level}, the level is held by hysteresis and {@code stepsDownAt} says when it steps
     * down one level ({@code holdDownMs} after the wanted level fell).
     */
    record View(int level, String label, double score, ScoreParts scoreParts, boolean pinned, Integer pinnedLevel,
                Integer floor, Instant floorUntil, Instant lowerSince, Map<String, Boolean> features, int wantedLevel,
                String wantedLabel, long holdDownMs, Instant stepsDownAt) { }

    record ScoreParts(boolean overallHealthy, int unhealthyComponents, int performanceViolations, Double cpuUsage,
                      Double memoryUsage) { }

    void register(Javalin app) {
        app.get("/api/degradation", ctx -> ctx.json(view()));
        app.put("/api/degradation", this::put);
    }

    private void put(Context ctx) {
        JsonNode body = JsonBodies.object(ctx.body());
        if (!body.has("level")) {
            throw ApiException.badRequest("field 'level' is required: 0-4 to pin a level, or null to unpin");
        }
        JsonNode level = body.get("level");
        String reason = body.hasNonNull("reason") ? body.get("reason").asText() : "through the API";
        if (level.isNull()) {
            healing.degradation().unpin(reason);
        } else if (level.isIntegralNumber() && level.canConvertToInt() && level.intValue() >= 0 && level.intValue() <= 4) {
            // canConvertToInt first: asInt() wraps, so 4294967298 would have pinned level 2
            healing.degradation().pin(DegradationLevel.of(level.intValue()), reason);
        } else {
            throw ApiException.badRequest("field 'level' must be a whole number 0-4, or null to unpin, got " + level);
        }
        ctx.json(view());
    }

    private View view() {
        DegradationManager.State state = healing.degradation().state();
        DegradationInputs in = healing.lastInputs().get();
        Map<String, Boolean> features = new LinkedHashMap<>();
        FEATURES.forEach(f -> features.put(f, healing.degradation().features().isEnabled(f)));
        return new View(state.level().number(), state.level().label(), state.score(),
                new ScoreParts(in.overallHealthy(), in.unhealthyComponents(), in.performanceViolations(),
                        Double.isNaN(in.cpuUsage()) ? null : in.cpuUsage(), Double.isNaN(in.memoryUsage()) ? null : in.memoryUsage()),
                state.pinned().isPresent(), state.pinned().map(DegradationLevel::number).orElse(null),
                state.floor().map(DegradationLevel::number).orElse(null), state.floorUntil().orElse(null),
                state.lowerSince().orElse(null), features, healing.degradation().wanted().number(),
                healing.degradation().wanted().label(), healing.degradation().holdDown().toMillis(),
                healing.degradation().stepDownAt().orElse(null));
    }
}
