package dev.selfheal.server.api;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.patterns.CascadeGrouper;
import dev.selfheal.patterns.CausalEdge;
import dev.selfheal.patterns.Correlation;
import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.patterns.PatternReport;
import dev.selfheal.patterns.PatternStore;
import dev.selfheal.patterns.RootCause;
import dev.selfheal.patterns.RootCauseRanker;
import dev.selfheal.patterns.StoredPattern;
import dev.selfheal.patterns.TemporalPattern;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/patterns}: what failure pattern analysis found (docs/api.md has the shape):
 * recurring failures, the failure edges in force (configured and learned), learned edges the
 * configuration does not name (suggestions), correlations with support and lift, and the
 * cascades among recent incidents with their ranked root causes. A daemon with
 * {@code healing.patterns.enabled: false} answers {@code enabled: false} and empty lists.
 */
public final class PatternRoutes {

    private static final int RECENT_INCIDENTS = 50;

    private final Optional<FailurePatternAnalyzer> analyzer;
    private final Optional<PatternStore> store;
    private final IncidentManager incidents;
    private final RootCauseRanker ranker = new RootCauseRanker();

    public PatternRoutes(Optional<FailurePatternAnalyzer> analyzer, Optional<PatternStore> store, IncidentManager incidents) {
        this.analyzer = analyzer;
        this.store = store;
        this.incidents = incidents;
    }

    record TemporalView(String component, String recurrence, String dayOfWeek, int fromHour, int toHour, String zone, int hits,
                        int trials, int recentHits, int recentTrials, double confidence, double pValue, double qValue,
                        Instant firstSeen, Instant lastSeen, boolean active, Instant firstFound, String description) { }

    record EdgeView(String from, String to, boolean configured, long hits, long trials, Double expected, Double lift, Double qValue,
                    Instant firstFound, String description) { }

    record CorrelationView(String a, String b, long together, double support, Double lift, double qValue, String sharedUpstream,
                           Instant firstFound, String description) { }

    record RootCauseView(String component, int rank, List<String> explains, List<String> failingCauses, Instant firstSeen,
                         String evidence) { }

    record CascadeView(String incidentId, String root, String state, Instant openedAt, List<String> components,
                       List<RootCauseView> rootCauses) { }

    record PatternsView(boolean enabled, Instant at, long events, long dropped, List<TemporalView> temporal, List<EdgeView> edges,
                        List<EdgeView> suggestions, List<CorrelationView> correlations, List<CascadeView> cascades) { }

    public void register(Javalin app) {
        app.get("/api/patterns", this::patterns);
    }

    private void patterns(Context ctx) {
        if (analyzer.isEmpty()) {
            ctx.json(new PatternsView(false, null, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of()));
            return;
        }
        PatternReport r = analyzer.get().report();
        Map<String, StoredPattern> known = new HashMap<>();
        store.ifPresent(s -> s.patterns().forEach(p -> known.put(p.kind().id() + "\u0000" + p.subject(), p)));
        List<TemporalView> temporal = r.temporal().stream()
                .sorted(Comparator.comparing(TemporalPattern::component).thenComparing(TemporalPattern::fromHour))
                .map(p -> temporal(p, firstFound(known, StoredPattern.Kind.TEMPORAL, StoredPattern.temporalKey(p))))
                .toList();
        List<EdgeView> edges = r.graph().edges().stream()
                .sorted(Comparator.comparing(CausalEdge::from).thenComparing(CausalEdge::to))
                .map(e -> edge(e, e.suggestion() ? firstFound(known, StoredPattern.Kind.EDGE, e.from() + " -> " + e.to()) : null))
                .toList();
        List<EdgeView> suggestions = edges.stream().filter(e -> !e.configured() && e.trials() > 0).toList();
        List<CorrelationView> correlations = r.correlations().stream()
                .map(c -> correlation(c, firstFound(known, StoredPattern.Kind.CORRELATION, c.a() + " ~ " + c.b())))
                .toList();
        ctx.json(new PatternsView(true, r.at(), analyzer.get().events(), r.dropped(), temporal, edges, suggestions, correlations, cascades(r)));
    }

    /** Recent incidents that took in other components' failures, with their root causes ranked over the graph in force. */
    private List<CascadeView> cascades(PatternReport r) {
        // the unresolved as they are now (the store is written behind), then the recent from the store
        Map<String, Incident> byId = new java.util.LinkedHashMap<>();
        incidents.unresolved().forEach(i -> byId.put(i.id(), i));
        incidents.recent(RECENT_INCIDENTS).forEach(i -> byId.putIfAbsent(i.id(), i));
        return byId.values().stream()
                .filter(i -> CascadeGrouper.componentsOf(i).size() > 1)
                .sorted(Comparator.comparing(Incident::openedAt).reversed())
                .map(i -> cascade(i, r))
                .toList();
    }

    private CascadeView cascade(Incident i, PatternReport r) {
        List<FailureEvent> burst = i.problems().stream().map(p -> new FailureEvent(p.component(), p.type().name(), p.at())).toList();
        List<RootCause> ranked = ranker.rank(burst, r.graph());
        int failing = ranked.size();
        return new CascadeView(i.id(), i.component(), i.state().name().toLowerCase(Locale.ROOT), i.openedAt(),
                List.copyOf(CascadeGrouper.componentsOf(i)),
                ranked.stream().map(c -> new RootCauseView(c.component(), c.rank(), c.explains(), c.failingCauses(), c.firstSeen(),
                        c.evidence(failing))).toList());
    }

    private static Instant firstFound(Map<String, StoredPattern> known, StoredPattern.Kind kind, String subject) {
        StoredPattern p = known.get(kind.id() + "\u0000" + subject);
        return p == null ? null : p.firstFound();
    }

    private static TemporalView temporal(TemporalPattern p, Instant firstFound) {
        return new TemporalView(p.component(), p.recurrence().name().toLowerCase(Locale.ROOT),
                p.dayOfWeek().map(d -> d.name().toLowerCase(Locale.ROOT)).orElse(null), p.fromHour(), p.toHour(), p.zone().getId(),
                p.hits(), p.trials(), p.recentHits(), p.recentTrials(), p.confidence(), p.pValue(), p.qValue(), p.firstSeen(),
                p.lastSeen(), p.active(), firstFound, p.describe());
    }

    private static EdgeView edge(CausalEdge e, Instant firstFound) {
        boolean counted = e.trials() > 0;
        String description = !counted ? "%s depends on %s (configured)".formatted(e.to(), e.from())
                : "%s fails within the lag after %s: %d of %d times, %s chance%s".formatted(e.to(), e.from(), e.hits(), e.trials(),
                        finite(e.lift()) == null ? "never by" : "%.1f×".formatted(e.lift()), e.configured() ? " (configured)" : "");
        return new EdgeView(e.from(), e.to(), e.configured(), e.hits(), e.trials(), counted ? e.expected() : null,
                counted ? finite(e.lift()) : null, counted ? e.qValue() : null, firstFound, description);
    }

    private static CorrelationView correlation(Correlation c, Instant firstFound) {
        return new CorrelationView(c.a(), c.b(), c.together(), c.support(), finite(c.lift()), c.qValue(), c.sharedUpstream().isEmpty()
                ? null : c.sharedUpstream(), firstFound, "%s and %s fail together %d times (support %.3f)%s".formatted(c.a(), c.b(),
                c.together(), c.support(), c.sharedUpstream().isEmpty() ? "" : ", both after " + c.sharedUpstream()));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
