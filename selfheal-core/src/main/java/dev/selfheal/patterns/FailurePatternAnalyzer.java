package dev.selfheal.patterns;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.ProblemReported;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pattern analysis for the running engine: takes every failure (a reported problem) as it
 * happens, learns precedence online, keeps a compact history for temporal patterns, and makes a
 * {@link PatternReport} on demand, at most once per refresh interval (analysis costs more than a
 * record; the report is read far more often than it changes).
 *
 * <h2>Bounded</h2>
 * The precedence counts are bounded by the learner's component limit. The history keeps one
 * failure per (component, hour) for the history window, at most {@code maxCells} of them, oldest
 * dropped first: a component failing ten thousand times in an hour costs one cell.
 */
public final class FailurePatternAnalyzer {

    /** Tuning; defaults used unless configured. */
    public record Settings(Duration historyWindow, int maxCells, Duration refreshEvery,
                           PrecedenceLearner.Settings precedence, TemporalPatternFinder.Settings temporal) {
        public static final Settings DEFAULTS = new Settings(Duration.ofDays(56), 200_000, Duration.ofMinutes(5),
                PrecedenceLearner.Settings.DEFAULTS, TemporalPatternFinder.Settings.DEFAULTS);

        public Settings {
            if (historyWindow.compareTo(Duration.ofDays(3)) < 0) {
                throw new IllegalArgumentException("patterns history window must be at least 3 days: " + historyWindow);
            }
            if (maxCells < 1) {
                throw new IllegalArgumentException("patterns maxCells must be >= 1: " + maxCells);
            }
        }

        public Settings withRefreshEvery(Duration value) {
            return new Settings(historyWindow, maxCells, value, precedence, temporal);
        }
    }

    private final InstantSource clock;
    private final DependencyGraph configured;
    private final Settings settings;
    private final PrecedenceLearner learner;
    private final CausalAnalysis analysis;
    private final TemporalPatternFinder temporal;
    private final LinkedHashMap<String, FailureEvent> cells = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<FailureEvent>> sinks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile PatternReport report;
    private volatile boolean stale = true;

    public FailurePatternAnalyzer(InstantSource clock, DependencyGraph configured, Settings settings) {
        this.clock = clock;
        this.configured = configured;
        this.settings = settings;
        this.learner = new PrecedenceLearner(settings.precedence());
        this.analysis = new CausalAnalysis(settings.precedence());
        this.temporal = new TemporalPatternFinder(settings.temporal());
        this.report = PatternReport.empty(clock.instant(), configuredGraph(configured));
    }

    /** Records every problem reported on {@code bus} as a failure; close the result to stop. */
    public AutoCloseable listenTo(EventBus bus) {
        return bus.subscribe(ProblemReported.class, e -> record(new FailureEvent(e.problem().component(),
                e.problem().type().name(), e.problem().at())));
    }

    /** Takes one failure. Cheap: a count update and at most one history cell. */
    public void record(FailureEvent event) {
        learner.observe(event);
        for (var sink : sinks) {
            sink.accept(event);
        }
        String cell = event.component() + "@" + Math.floorDiv(event.start().getEpochSecond(), 3600);
        synchronized (cells) {
            if (cells.putIfAbsent(cell, event) == null && cells.size() > settings.maxCells()) {
                var oldest = cells.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        stale = true;
    }

    /** Hands every failure recorded from now on to {@code sink} as well (e.g. to keep it in the pattern database). */
    public void forwardTo(java.util.function.Consumer<FailureEvent> sink) {
        sinks.add(sink);
    }

    /** Failure events recorded so far (a report counts those up to when it was made). */
    public long events() {
        return learner.events();
    }

    public Settings settings() {
        return settings;
    }

    /** The latest report, made anew when something changed and the last is older than the refresh interval. */
    public PatternReport report() {
        PatternReport current = report;
        if (stale && !clock.instant().isBefore(current.at().plus(settings.refreshEvery()))) {
            return refresh();
        }
        return current;
    }

    /** Makes a report now. */
    public synchronized PatternReport refresh() {
        Instant now = clock.instant();
        stale = false;
        Instant from = now.minus(settings.historyWindow());
        List<FailureEvent> history;
        synchronized (cells) {
            cells.values().removeIf(e -> e.start().isBefore(from));
            history = new ArrayList<>(cells.values());
        }
        PrecedenceCounts counts = learner.snapshot();
        CausalAnalysis.Findings findings = analysis.analyze(counts, configured);
        PatternReport next = new PatternReport(now, temporal.find(history, from, now), new CausalGraph(findings.edges()),
                findings.correlations(), counts.events(), counts.dropped());
        report = next;
        return next;
    }

    /**
     * The dependencies in force for alert inhibition: the configured ones and the edges learned
     * by the latest report ({@link PatternReport#suggestions()}), as a graph that inhibition
     * walks. Made once per report; reads the latest report made, never makes one (an alert
     * check must not wait for an analysis).
     */
    public DependencyGraph dependencies() {
        PatternReport current = report;
        Inhibition last = inhibition;
        if (last != null && last.report() == current) {
            return last.graph();
        }
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        configured.edges().forEach((down, ups) -> dependsOn.computeIfAbsent(down, k -> new ArrayList<>()).addAll(ups));
        for (CausalEdge e : current.suggestions()) {
            dependsOn.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        }
        DependencyGraph graph = new DependencyGraph(dependsOn);
        inhibition = new Inhibition(current, graph);
        return graph;
    }

    private record Inhibition(PatternReport report, DependencyGraph graph) { }

    private volatile Inhibition inhibition;

    private static CausalGraph configuredGraph(DependencyGraph configured) {
        List<CausalEdge> edges = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> e : configured.edges().entrySet()) {
            e.getValue().forEach(up -> edges.add(CausalEdge.configured(up, e.getKey())));
        }
        return new CausalGraph(edges);
    }
}
