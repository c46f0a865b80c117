package dev.selfheal.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertStatus;
import dev.selfheal.alerting.Decision;
import dev.selfheal.alerting.HoldReason;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.rules.Silence;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.escalation.EscalationPolicy;
import dev.selfheal.escalation.OnCallSchedule;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.server.config.Durations;
import dev.selfheal.server.config.SecretMasker;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Alerts, silences and the Alertmanager ingest:
 * {@code GET /api/alerts[?state=firing|held|silenced|acknowledged|sent|resolved][&incident=<id>]}, {@code GET /api/alerts/{id}}
 * (with its decisions), {@code POST /api/alerts/{id}/ack}, {@code POST /api/alerts/{id}/resolve},
 * {@code GET/POST /api/silences}, {@code DELETE /api/silences/{id}}, {@code POST /api/v1/alertmanager},
 * {@code GET /api/escalation} (the policies and who is on call now on each schedule).
 * Every text shown passes through the {@link SecretMasker}.
 */
public final class AlertRoutes {

    private final IntelligentAlertManager alerts;
    private final AlertmanagerIngest ingest;
    private final IncidentManager incidents;
    private final SecretMasker masker;
    private final java.time.InstantSource clock;
    private final Escalation escalation;

    /** What {@code GET /api/escalation} shows: the configured policies and on-call schedules. */
    public record Escalation(List<EscalationPolicy> policies, List<OnCallSchedule> schedules, Optional<String> defaultPolicy) {
        public static final Escalation NONE = new Escalation(List.of(), List.of(), Optional.empty());
    }

    public AlertRoutes(IntelligentAlertManager alerts, AlertmanagerIngest ingest, IncidentManager incidents, SecretMasker masker,
                       java.time.InstantSource clock) {
        this(alerts, ingest, incidents, masker, clock, Escalation.NONE);
    }

    public AlertRoutes(IntelligentAlertManager alerts, AlertmanagerIngest ingest, IncidentManager incidents, SecretMasker masker,
                       java.time.InstantSource clock, Escalation escalation) {
        this.clock = clock;
        this.escalation = escalation;
        this.alerts = alerts;
        this.ingest = ingest;
        this.incidents = incidents;
        this.masker = masker;
    }

    record AlertView(String id, String fingerprint, String component, String problemType, String severity, String urgency,
                     String status, String heldReason, String heldDetail, boolean silenced, boolean flapping, String incidentId,
                     String summary, Map<String, String> labels, Instant startsAt, Instant lastNotifiedAt, List<String> told,
                     String acknowledgedBy, Instant endsAt) { }

    record DecisionView(Instant at, String outcome, String reason, String detail, List<String> receivers) { }

    record AlertDetail(AlertView alert, List<DecisionView> decisions) { }

    record SilenceView(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment,
                       String state) { }

    record LevelView(long afterMs, String action) { }

    record PolicyView(String name, boolean isDefault, List<LevelView> levels, int repeats, long roundLengthMs) { }

    record ScheduleView(String name, String rotation, List<String> participants, String zone, String handoff, String onCall,
                        Instant nextHandoff) { }

    record EscalationView(List<PolicyView> policies, List<ScheduleView> schedules, String defaultPolicy, Instant at) { }

    public void register(Javalin app) {
        app.get("/api/alerts", this::list);
        app.get("/api/escalation", ctx -> ctx.json(escalationView()));
        app.get("/api/alerts/{id}", ctx -> {
            Alert a = alerts.find(ctx.pathParam("id")).orElseThrow(() -> new NoSuchElementException("no alert '%s'".formatted(ctx.pathParam("id"))));
            ctx.json(new AlertDetail(view(a), alerts.decisions(a.id()).stream().map(this::view).toList()));
        });
        app.post("/api/alerts/{id}/ack", ctx -> {
            String by = by(ctx);
            ctx.json(view(guarded(() -> alerts.acknowledge(ctx.pathParam("id"), by))));
        });
        app.post("/api/alerts/{id}/resolve", this::resolve);
        app.get("/api/silences", ctx -> ctx.json(Map.of("silences", alerts.silences().current().stream().map(this::view).toList())));
        app.post("/api/silences", this::createSilence);
        app.delete("/api/silences/{id}", ctx -> ctx.json(view(alerts.silences().expire(ctx.pathParam("id")))));
        app.post("/api/v1/alertmanager", ctx -> {
            if (ingest.intake().nearlyFull()) {
                ctx.status(429).header("Retry-After", Long.toString(ingest.intake().retryAfterSeconds()))
                        .json(new Views.Error("too_many_alerts", "the alert intake is nearly full; send again after "
                                + ingest.intake().retryAfterSeconds() + " s"));
                return;
            }
            JsonNode body;
            try {
                body = Json.mapper().readTree(ctx.body());
            } catch (Exception e) {
                throw ApiException.badRequest("body: not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            try {
                ctx.json(ingest.ingest(body));
            } catch (AlertmanagerIngest.IntakeFull full) {
                ctx.status(429).header("Retry-After", Long.toString(full.retryAfterSeconds()))
                        .json(new Views.Error("too_many_alerts", full.getMessage()));
            }
        });
    }

    private EscalationView escalationView() {
        Instant now = clock.instant();
        String defaultPolicy = escalation.defaultPolicy().orElse(null);
        List<PolicyView> policies = escalation.policies().stream().map(p -> new PolicyView(p.name(), p.name().equals(defaultPolicy),
                p.levels().stream().map(l -> new LevelView(l.after().toMillis(), l.action().describe())).toList(),
                p.repeats(), p.roundLength().toMillis())).toList();
        List<ScheduleView> schedules = escalation.schedules().stream().map(s -> new ScheduleView(s.name(),
                s.rotation().name().toLowerCase(Locale.ROOT), s.participants(), s.zone().getId(),
                s.rotation() == OnCallSchedule.Rotation.WEEKLY ? s.handoffDay() + " " + s.handoff() : s.handoff().toString(),
                s.onCall(now), s.nextHandoff(now).orElse(null))).toList();
        return new EscalationView(policies, schedules, defaultPolicy, now);
    }

    /** How far back {@code state=resolved} and {@code incident=} look in the store. */
    private static final int RECENT = 500;

    private void list(Context ctx) {
        Optional<String> state = Optional.ofNullable(ctx.queryParam("state")).map(s -> s.toLowerCase(Locale.ROOT));
        Optional<String> incident = Optional.ofNullable(ctx.queryParam("incident")).filter(s -> !s.isBlank());
        List<String> states = List.of("firing", "held", "silenced", "acknowledged", "sent", "resolved");
        state.filter(s -> !states.contains(s)).ifPresent(s -> {
            throw ApiException.badRequest("state: expected one of %s, got '%s'".formatted(String.join(", ", states), s));
        });
        // Open alerts come from memory; resolved ones (asked for by state or by incident) from the store.
        Map<String, Alert> source = new java.util.LinkedHashMap<>();
        if (state.isEmpty() || !state.get().equals("resolved")) {
            alerts.open().forEach(a -> source.put(a.id(), a));
        }
        if (state.filter("resolved"::equals).isPresent() || incident.isPresent()) {
            alerts.recent(RECENT).forEach(a -> source.putIfAbsent(a.id(), a));
        }
        List<AlertView> views = source.values().stream()
                .filter(a -> incident.isEmpty() || incident.equals(a.incidentId()))
                .sorted(Comparator.comparing(Alert::startsAt)).map(this::view)
                .filter(v -> state.isEmpty() || switch (state.get()) {
                    case "silenced" -> v.silenced();
                    case "firing" -> !v.status().equals("acknowledged") && !v.status().equals("resolved");
                    default -> v.status().equals(state.get());
                }).toList();
        ctx.json(Map.of("alerts", views));
    }

    private void resolve(Context ctx) {
        String by = by(ctx);
        Alert resolved = guarded(() -> alerts.resolve(ctx.pathParam("id"), by));
        resolved.incidentId().flatMap(incidents::get).filter(i -> i.state().canMoveTo(IncidentState.RESOLVED))
                .ifPresent(i -> incidents.transition(i.id(), IncidentState.RESOLVED, "resolved by " + by + " (alert " + resolved.id() + ")"));
        ctx.json(view(resolved));
    }

    private void createSilence(Context ctx) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (Exception e) {
            throw ApiException.badRequest("body: not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body: expected {\"matchers\": [\"component=db\"], \"ends_at\" or \"duration\", \"created_by\", \"comment\"}");
        }
        JsonNode m = body.path("matchers");
        if (!m.isArray() || m.isEmpty()) {
            throw ApiException.badRequest("matchers: expected a non-empty list like [\"component=db\", \"severity=~critical|emergency\"]");
        }
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            try {
                matchers.add(Matcher.parse(m.get(i).asText()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("matchers[%d]: %s".formatted(i, e.getMessage()));
            }
        }
        Instant now = clock.instant();
        Instant starts = instant(body, "starts_at").orElse(now);
        if (starts.isAfter(now.plus(Silences.MAX_AHEAD)) || starts.isBefore(now.minus(Silences.MAX_AHEAD))) {
            throw ApiException.badRequest("starts_at: expected a time within %d days of now, got %s".formatted(
                    Silences.MAX_AHEAD.toDays(), starts));
        }
        Instant ends;
        if (body.hasNonNull("ends_at")) {
            ends = instant(body, "ends_at").orElseThrow();
        } else if (body.hasNonNull("duration")) {
            Duration duration = Durations.parse(body.path("duration").asText()).orElseThrow(() ->
                    ApiException.badRequest("duration: expected e.g. 30m or 2h, got '%s'".formatted(body.path("duration").asText())));
            if (duration.compareTo(Silences.MAX_AHEAD) > 0) {
                throw ApiException.badRequest("duration: a silence may last at most %dd, got '%s'".formatted(
                        Silences.MAX_AHEAD.toDays(), body.path("duration").asText()));
            }
            ends = starts.plus(duration);
        } else {
            throw ApiException.badRequest("ends_at or duration: one is required (a silence must end)");
        }
        String createdBy = Actor.of(ctx, "created_by", Optional.of(body.path("created_by").asText("").strip()).filter(c -> !c.isEmpty()),
                () -> "");
        String comment = body.path("comment").asText("");
        Silence s;
        try {
            s = alerts.silences().add(matchers, starts, ends, createdBy, comment);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        ctx.status(201).json(view(s));
    }

    private static Optional<Instant> instant(JsonNode body, String field) {
        if (!body.hasNonNull(field)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(body.path(field).asText()));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("%s: expected an ISO-8601 time like 2026-03-01T12:00:00Z, got '%s'".formatted(field,
                    body.path(field).asText()));
        }
    }

    /** Who acknowledges or resolves: see {@link Actor} (with tokens, the token's name; without, the body's or {@code api}). */
    private static String by(Context ctx) {
        Optional<String> claimed = Optional.empty();
        String body = ctx.body();
        if (body != null && !body.isBlank()) {
            JsonNode n;
            try {
                n = Json.mapper().readTree(body);
            } catch (Exception e) {
                throw ApiException.badRequest("body: not valid JSON; expected {\"by\": \"name\"} or nothing");
            }
            if (n != null && n.hasNonNull("by") && !n.path("by").asText().isBlank()) {
                claimed = Optional.of(n.path("by").asText().strip());
            }
        }
        return Actor.of(ctx, "by", claimed, () -> "api");
    }

    private static Alert guarded(java.util.function.Supplier<Alert> action) {
        try {
            return action.get();
        } catch (IllegalStateException e) {
            throw new ApiException(409, "conflict", e.getMessage());
        }
    }

    private AlertView view(Alert a) {
        boolean silenced = a.hold().filter(h -> h == HoldReason.SILENCED || h == HoldReason.MAINTENANCE).isPresent()
                && a.status() == AlertStatus.HELD;
        return new AlertView(a.id(), a.fingerprint(), a.component(), a.problemType(), a.severity().label(), a.urgency().label(),
                a.status().label(), a.hold().map(HoldReason::label).orElse(null),
                a.hold().map(h -> masker.mask(h.text() + (a.holdDetail().isEmpty() ? "" : ": " + a.holdDetail()))).orElse(null),
                silenced, a.flapping(), a.incidentId().orElse(null), masker.mask(a.summary()), a.labels(), a.startsAt(),
                a.lastNotifiedAt().orElse(null), List.copyOf(a.told()), a.acknowledgedBy().orElse(null), a.endsAt().orElse(null));
    }

    private DecisionView view(Decision d) {
        return new DecisionView(d.at(), d.outcome().name().toLowerCase(Locale.ROOT), d.reason().map(HoldReason::label).orElse(null),
                masker.mask(d.detail()), d.receivers());
    }

    private SilenceView view(Silence s) {
        Instant now = clock.instant();
        return new SilenceView(s.id(), s.matchers().stream().map(Matcher::toString).toList(), s.startsAt(), s.endsAt(),
                s.createdBy(), masker.mask(s.comment()), s.isExpired(now) ? "expired" : s.isActive(now) ? "active" : "pending");
    }
}
