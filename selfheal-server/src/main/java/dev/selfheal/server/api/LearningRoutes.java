package dev.selfheal.server.api;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.learning.ActionKnowledge;
import dev.selfheal.learning.LearningSystem;
import dev.selfheal.learning.RecoveryRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What the learning system knows: {@code GET /api/learning/records} (recovery records, newest
 * first, paged by sequence), {@code GET /api/learning/effectiveness} (the posterior per problem
 * type, kind and action), {@code GET /api/incidents/{id}/recommendations} (what fixed the most
 * similar past incidents) and {@code GET /api/learning/limits} (performance limits learned from
 * normal behaviour). When the engine learns nothing (no learning system) the first two
 * answer 404, and the recommendations answer 200 with {@code "enabled": false} and none: the
 * console asks for them on every incident page and a missing part is not an error there.
 */
final class LearningRoutes {

    private static final int DEFAULT_LIMIT = 50;
    private static final int NEIGHBOURS = 10;

    private final HealingContext healing;

    LearningRoutes(HealingContext healing) {
        this.healing = healing;
    }

    record StepView(String action, String problemType, String risk, String status, boolean verified, long durationMs,
                    long toVerdictMs) { }

    record RecordView(long seq, String incidentId, String component, String kind, List<String> problemTypes,
                      List<String> othersUnhealthy, int hourOfDay, String weekday, int degradationLevel, Long sinceLastIncidentMs,
                      List<String> plan, List<StepView> steps, String outcome, boolean verified, String fixedBy,
                      long timeToRecoveryMs, String openedAt, String endedAt, String reason) { }

    record KnowledgeView(String problemType, String kind, String action, double verified, double notVerified, double mean,
                         double lower, double upper, Long successTimeMs, Long failureTimeMs, int recentTried, int recentVerified,
                         Long medianVerifiedMs) { }

    void register(Javalin app) {
        app.get("/api/learning/records", this::records);
        app.get("/api/learning/effectiveness", ctx -> ctx.json(Map.of("effectiveness",
                learning().knowledge().stream().map(LearningRoutes::view).toList())));
        app.get("/api/incidents/{id}/recommendations", this::recommendations);
        app.get("/api/learning/limits", this::limits);
    }

    /**
     * The performance limits learned from each component's normal behaviour and in force now
     * ({@code restored}: stored before this start, not yet replaced by fresh readings). Empty when
     * no metric adapts; answered with or without a learning system, which is a separate thing.
     */
    private void limits(Context ctx) {
        ctx.json(Map.of("limits", healing.learnedLimits().get().stream().map(shown -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("component", shown.limit().component());
            v.put("metric", shown.limit().metric().key());
            v.put("limit", shown.limit().limit());
            v.put("floor", shown.floor());
            v.put("cap", shown.cap());
            v.put("samples", shown.limit().samples());
            v.put("learned_at", shown.limit().learnedAt().toString());
            v.put("restored", shown.restored());
            return v;
        }).toList()));
    }

    private LearningSystem learning() {
        if (healing.engine().learning() instanceof LearningSystem l) {
            return l;
        }
        throw ApiException.notFound("this engine has no learning system");
    }

    private void records(Context ctx) {
        int limit = ctx.queryParam("limit") == null ? DEFAULT_LIMIT : HealthRoutes.limit(ctx.queryParam("limit"));
        long before = Long.MAX_VALUE;
        String text = ctx.queryParam("before");
        if (text != null) {
            try {
                before = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("query parameter 'before' must be a record sequence number, got '%s'".formatted(text));
            }
        }
        List<RecoveryRecord> page = learning().records().before(before, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.stream().map(this::view).toList());
        body.put("next_before", page.size() < limit ? null : page.getLast().sequence());
        ctx.json(body);
    }

    private void recommendations(Context ctx) {
        String id = ctx.pathParam("id");
        Incident incident = healing.incidents().get(id).orElseThrow(() -> new NoSuchElementException("no incident with id '%s'".formatted(id)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incident_id", incident.id());
        if (!(healing.engine().learning() instanceof LearningSystem learning)) {
            body.put("enabled", false);
            body.put("reason", "this engine has no learning system");
            body.put("recommendations", List.of());
            ctx.json(body);
            return;
        }
        body.put("enabled", true);
        body.put("recommendations", learning.recommendations(incident, NEIGHBOURS).stream().map(r -> Map.of(
                "action", r.action(), "fixed", r.fixed(), "nearest", r.nearest(), "median_time_ms", r.medianTime().toMillis(),
                "examples", r.examples())).toList());
        ctx.json(body);
    }

    private RecordView view(RecoveryRecord r) {
        return new RecordView(r.sequence(), r.incidentId(), r.component(), r.kind(),
                r.problemTypes().stream().map(ProblemType::name).toList(), r.othersUnhealthy(), r.hourOfDay(), r.weekday().name(),
                r.degradationLevel(), r.sinceLastIncident().map(java.time.Duration::toMillis).orElse(null), r.plan(),
                r.steps().stream().map(s -> new StepView(s.action(), s.problemType().name(), s.risk().name(), s.status(), s.verified(),
                        s.duration().toMillis(), s.toVerdict().toMillis())).toList(),
                r.outcome().name(), r.verified(), r.fixedBy().orElse(null), r.timeToRecovery().toMillis(), r.openedAt().toString(),
                r.endedAt().toString(), healing.masker().mask(r.reason()));
    }

    private static KnowledgeView view(ActionKnowledge k) {
        return new KnowledgeView(k.problemType(), k.kind(), k.action(), k.successes(), k.failures(), k.mean(), k.lower(), k.upper(),
                k.successTime().map(java.time.Duration::toMillis).orElse(null), k.failureTime().map(java.time.Duration::toMillis).orElse(null),
                k.recentTried(), k.recentVerified(), k.medianVerified().map(java.time.Duration::toMillis).orElse(null));
    }
}
