package dev.selfheal.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.alerting.IncidentAlerts;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus Alertmanager's webhook (payload version 4) as incidents. A firing alert becomes a
 * {@link Problem} (source {@code alertmanager}) reported to the healing loop, which opens or
 * merges an incident and may start recovery; a resolved alert resolves its component's open
 * incident when every problem in it came from Alertmanager (a health check's own evidence is
 * not overruled by a remote resolution).
 *
 * <p>Mapping: component from the label {@code component}, else {@code service}, {@code job},
 * {@code instance}; problem type from {@code problem_type}, else {@code alertname} in
 * snake_case; severity from {@code severity} (info low, warning medium, critical high,
 * emergency/page critical; the incident's alert keeps it: info, warning, critical, emergency, not
 * the problem type's default as other incidents' alerts). The whole payload is checked before anything is applied: a bad
 * field is a 400 naming it ({@code alerts[2].labels: needs component, service, job or instance}).
 *
 * <p>Every label is kept on the problem and on its incident's alert, so that a route, silence or
 * inhibition on {@code team=payments} matches it as in Alertmanager; names and values are checked
 * as Prometheus checks them (a bad one is a 400 naming it). The storm incident keeps none.
 *
 * <p>A valid payload goes into the {@link AlertIntake} lane whole, or is refused whole with 429
 * and {@code Retry-After} when the lane is full; its alerts are merged into incidents on the
 * lane's thread, never on the healing loop's.
 */
public final class AlertmanagerIngest {

    public static final String SOURCE = IncidentAlerts.ALERTMANAGER_SOURCE;

    /**
     * What one payload did: every alert accepted ({@code queued} into the intake lane, or
     * {@code coalesced} with one already waiting there), of which {@code firing} and {@code resolved}.
     */
    public record Result(int accepted, int firing, int resolved, int queued, int coalesced) { }

    /** The intake lane was full: the payload was not taken; send it again after {@code retryAfterSeconds}. */
    static final class IntakeFull extends RuntimeException {
        private final long retryAfterSeconds;

        IntakeFull(long retryAfterSeconds) {
            super("the alert intake is full; send again after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final ProblemReporter reporter;
    private final IncidentManager incidents;
    private final InstantSource clock;
    private final AlertIntake intake;

    /**
     * @param reporter where firing alerts' problems go, on the intake lane's thread (the
     *                 orchestrator's {@code accept}, so that they never queue on the healing loop)
     */
    public AlertmanagerIngest(ProblemReporter reporter, IncidentManager incidents, InstantSource clock, int capacity) {
        this.reporter = reporter;
        this.incidents = incidents;
        this.clock = clock;
        this.intake = new AlertIntake(capacity, this::handle);
    }

    public AlertIntake intake() {
        return intake;
    }

    Result ingest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body: expected an Alertmanager webhook payload (a JSON object with version and alerts)");
        }
        String version = body.path("version").asText("");
        if (!version.equals("4")) {
            throw ApiException.badRequest("version: expected \"4\" (Alertmanager webhook payload v4), got " + (version.isEmpty()
                    ? "none" : "\"" + version + "\""));
        }
        JsonNode alerts = body.path("alerts");
        if (!alerts.isArray()) {
            throw ApiException.badRequest("alerts: expected a list of alerts");
        }
        List<AlertIntake.Item> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            parsed.add(parse(alerts.get(i), "alerts[" + i + "]"));
        }
        AlertIntake.Admission admission = intake.admit(parsed);
        if (!admission.admitted()) {
            throw new IntakeFull(admission.retryAfterSeconds());
        }
        int firing = (int) parsed.stream().filter(AlertIntake.Item::firing).count();
        return new Result(parsed.size(), firing, parsed.size() - firing, admission.queued(), admission.coalesced());
    }

    /**
     * The most unresolved incidents external alerts keep open one per component. Past it, a
     * firing alert about a component with no incident joins the one storm incident on
     * {@value #STORM_COMPONENT}, its evidence naming the component: a storm over 5,000 components
     * is one thing to tell a person about, not 5,000, and every incident opened costs the
     * recovery engine and the alert pipeline work that grows with the incidents already open.
     */
    public static final int MAX_EXTERNAL_INCIDENTS = 100;
    public static final String STORM_COMPONENT = "alertmanager-storm";

    private void handle(AlertIntake.Item item) {
        if (!item.firing()) {
            resolve(item.problem());
            return;
        }
        Problem p = item.problem();
        if (incidents.unresolvedFor(p.component()).isEmpty() && externalIncidents() >= MAX_EXTERNAL_INCIDENTS) {
            // one incident for many teams' alerts: no one alert's labels route it
            p = new Problem(p.type(), STORM_COMPONENT, p.severity(), p.component() + ": " + p.evidence(), p.source(), p.at());
        }
        reporter.report(p);
    }

    private long externalIncidents() {
        return incidents.unresolved().stream()
                .filter(i -> i.problems().stream().allMatch(x -> x.source().equals(SOURCE)))
                .count();
    }

    private Optional<String> resolve(Problem p) {
        Optional<Incident> open = incidents.unresolvedFor(p.component());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Incident incident = open.get();
        boolean onlyAlertmanager = incident.problems().stream().allMatch(x -> x.source().equals(SOURCE));
        if (!onlyAlertmanager || incident.state() == IncidentState.RESOLVED) {
            return Optional.empty();
        }
        incidents.transition(incident.id(), IncidentState.RESOLVED, "alertmanager: %s resolved".formatted(p.type()));
        return Optional.of(incident.id());
    }

    private AlertIntake.Item parse(JsonNode a, String at) {
        if (!a.isObject()) {
            throw ApiException.badRequest(at + ": expected an alert object");
        }
        String status = a.path("status").asText("");
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw ApiException.badRequest(at + ".status: expected \"firing\" or \"resolved\", got \"" + status + "\"");
        }
        JsonNode labelsNode = a.path("labels");
        if (!labelsNode.isObject()) {
            throw ApiException.badRequest(at + ".labels: expected an object of label names to values");
        }
        Map<String, String> labels = strings(labelsNode);
        checkLabels(labels, at);
        String component = first(labels, "component", "service", "job", "instance")
                .orElseThrow(() -> ApiException.badRequest(at + ".labels: needs component, service, job or instance to name the component"));
        String typeName = Optional.ofNullable(labels.get("problem_type")).orElseGet(() -> snake(labels.getOrDefault("alertname", "")));
        ProblemType type;
        try {
            type = ProblemType.of(typeName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(at + ".labels.alertname: " + e.getMessage());
        }
        Severity severity = switch (labels.getOrDefault("severity", "warning").toLowerCase(Locale.ROOT)) {
            case "info", "low", "none" -> Severity.LOW;
            case "critical", "error", "high" -> Severity.HIGH;
            case "emergency", "page", "fatal" -> Severity.CRITICAL;
            default -> Severity.MEDIUM;
        };
        Instant now = clock.instant();
        Instant startsAt = time(a, "startsAt", at, now).orElse(now);
        Instant when = status.equals("resolved") ? time(a, "endsAt", at, now).orElse(now) : startsAt;
        Map<String, String> annotations = a.path("annotations").isObject() ? strings(a.path("annotations")) : Map.of();
        String evidence = first(annotations, "summary", "description", "message").orElse(labels.getOrDefault("alertname", typeName));
        return new AlertIntake.Item(status.equals("firing"), new Problem(type, component, severity,
                "alertmanager: " + labels.getOrDefault("alertname", typeName) + ": " + evidence, SOURCE, when, labels));
    }

    /** At most this many labels on one alert (Alertmanager's own alerts carry a handful). */
    static final int MAX_LABELS = 64;
    private static final java.util.regex.Pattern LABEL_NAME = java.util.regex.Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /**
     * Labels are kept for routes, silences and inhibition, so they are checked as Prometheus checks
     * them: a name is {@code [a-zA-Z_][a-zA-Z0-9_]*} (at most 128 characters), a value at most
     * 1,024 characters, at most {@value #MAX_LABELS} of them.
     */
    private static void checkLabels(Map<String, String> labels, String at) {
        if (labels.size() > MAX_LABELS) {
            throw ApiException.badRequest(at + ".labels: at most " + MAX_LABELS + " labels, got " + labels.size());
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String name = e.getKey();
            if (name.length() > 128 || !LABEL_NAME.matcher(name).matches()) {
                throw ApiException.badRequest(at + ".labels: label name \"" + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "\" must match [a-zA-Z_][a-zA-Z0-9_]* (at most 128 characters)");
            }
            if (e.getValue().length() > 1_024) {
                throw ApiException.badRequest(at + ".labels." + name + ": at most 1024 characters, got " + e.getValue().length());
            }
        }
    }

    /** How far ahead of this daemon's clock an alert's time may be: clock skew, not the year 1,000,000,000. */
    static final Duration MAX_AHEAD = Duration.ofDays(1);

    private static Optional<Instant> time(JsonNode a, String field, String at, Instant now) {
        String text = a.path(field).asText("");
        if (text.isEmpty() || text.startsWith("0001-01-01")) {
            return Optional.empty();
        }
        Instant t;
        try {
            t = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                t = java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(at + "." + field + ": expected an RFC 3339 time, got \"" + text + "\"");
            }
        }
        // Out of range, the alert used to be answered 200 and then silently dropped by the store.
        if (t.isBefore(Instant.EPOCH) || t.isAfter(now.plus(MAX_AHEAD))) {
            throw ApiException.badRequest(at + "." + field + ": expected a time between 1970-01-01 and a day from now, got \"" + text + "\"");
        }
        return Optional.of(t);
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Optional<String> first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
        }
        return Optional.empty();
    }

    static String snake(String name) {
        String s = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")
                .replaceAll("^[^a-z]+", "").replaceAll("_+", "_");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
