package dev.selfheal.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.server.security.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;
import dev.selfheal.server.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * {@code GET /api/incidents} (open and recent, newest first; filters {@code state},
 * {@code component}, {@code limit}), {@code GET /api/incidents/{id}} with its timeline, and
 * {@code POST /api/incidents/{id}/approve} ({@code {"by": "name"}}; with tokens the token's name, see
 * {@link Actor}) for a step waiting on approval.
 */
final class IncidentRoutes {

    static final int DEFAULT_LIMIT = 50;
    /** How far back a filtered list looks. */
    static final int SCAN = 1_000;

    private final HealingContext healing;

    IncidentRoutes(HealingContext healing) {
        this.healing = healing;
    }

    void register(Javalin app) {
        app.get("/api/incidents", this::list);
        app.get("/api/incidents/digest", this::digest); // before {id}: "digest" is not an incident id
        app.get("/api/incidents/{id}", this::show);
        app.post("/api/incidents/{id}/approve", this::approve);
    }

    private void list(Context ctx) {
        int limit = ctx.queryParam("limit") == null ? DEFAULT_LIMIT : HealthRoutes.limit(ctx.queryParam("limit"));
        IncidentState state = state(ctx.queryParam("state"));
        String component = ctx.queryParam("component");
        Map<String, Incident> all = new LinkedHashMap<>();
        healing.incidents().unresolved().forEach(i -> all.put(i.id(), i));
        healing.incidents().recent(SCAN).forEach(i -> all.putIfAbsent(i.id(), i));
        List<IncidentViews.Summary> found = all.values().stream()
                .filter(i -> state == null || i.state() == state)
                .filter(i -> component == null || i.component().equals(component))
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .limit(limit)
                .map(IncidentViews::summary)
                .toList();
        ctx.json(Map.of("incidents", found));
    }

    /** {@code GET /api/incidents/digest?window=24h&limit=50}: see {@link IncidentDigest}. */
    private void digest(Context ctx) {
        String text = ctx.queryParam("window");
        Duration window = text == null ? Duration.ofHours(24) : Durations.parse(text).filter(d -> !d.isZero() && d.toDays() <= 90)
                .orElseThrow(() -> ApiException.badRequest(
                        "query parameter 'window' must be a duration like 30m, 24h or 168h (at most 90 days), got '%s'".formatted(text)));
        int limit = ctx.queryParam("limit") == null ? DEFAULT_LIMIT : HealthRoutes.limit(ctx.queryParam("limit"));
        Map<String, Incident> all = new LinkedHashMap<>();
        healing.incidents().unresolved().forEach(i -> all.put(i.id(), i));
        healing.incidents().recent(SCAN).forEach(i -> all.putIfAbsent(i.id(), i));
        ctx.json(IncidentDigest.of(all.values(), Instant.now(), window, limit, healing.masker()));
    }

    private void show(Context ctx) {
        Incident incident = incident(ctx.pathParam("id"));
        ctx.json(IncidentViews.detail(incident, healing.engine().activePlan(incident.id()),
                healing.journal().forIncident(incident.id()), healing.masker()));
    }

    private void approve(Context ctx) {
        Incident incident = incident(ctx.pathParam("id"));
        // With tokens, the approver is the token's holder (a body naming someone else is refused); without, the body's "by".
        String by = Principal.of(ctx).isPresent() ? Actor.of(ctx, "by", claimed(ctx.body()), () -> "") : by(ctx.body());
        try {
            healing.engine().approve(incident.id(), by);
        } catch (IllegalStateException e) {
            throw new ApiException(409, "conflict", "incident %s is %s and not waiting for approval".formatted(incident.id(), incident.state()));
        }
        Incident now = incident(incident.id());
        ctx.json(IncidentViews.summary(now));
    }

    private Incident incident(String id) {
        return healing.incidents().get(id).orElseThrow(() -> new NoSuchElementException("no incident with id '%s'".formatted(id)));
    }

    private static IncidentState state(String text) {
        if (text == null) {
            return null;
        }
        try {
            return IncidentState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter 'state' must be one of %s, got '%s'".formatted(
                    Arrays.stream(IncidentState.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")), text));
        }
    }

    /** With tokens the body is optional: the name it gives, if any, is only compared with the token's. */
    private static java.util.Optional<String> claimed(String body) {
        if (body == null || body.isBlank()) {
            return java.util.Optional.empty();
        }
        JsonNode by = JsonBodies.object(body).get("by");
        return by == null || by.isNull() || by.asText().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(by.asText().strip());
    }

    /** The approver's name from {@code {"by": "name"}}; 400 naming the field when it is missing or not a name. */
    private static String by(String body) {
        JsonNode json = JsonBodies.object(body);
        JsonNode by = json.get("by");
        if (by == null || by.isNull()) {
            throw ApiException.badRequest("field 'by' is required: who approves, e.g. {\"by\": \"alice\"}");
        }
        if (!by.isTextual() || by.asText().isBlank() || by.asText().length() > 200) {
            throw ApiException.badRequest("field 'by' must be a non-empty name of at most 200 characters, got " + by);
        }
        return by.asText().strip();
    }
}
