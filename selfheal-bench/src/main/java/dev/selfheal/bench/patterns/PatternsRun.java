package dev.selfheal.bench.patterns;

import dev.selfheal.events.EventBus;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.patterns.CascadeGrouper;
import dev.selfheal.patterns.CausalEdge;
import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.patterns.PatternReport;
import dev.selfheal.patterns.RootCause;
import dev.selfheal.patterns.RootCauseRanker;
import dev.selfheal.patterns.TemporalPattern;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of the patterns bench over one generated world, on virtual time: every failure seen
 * goes, in the order seen, into the real {@link FailurePatternAnalyzer} and, as a problem, into
 * the real {@link CascadeGrouper} over a real {@link IncidentManager}; beside it a plain
 * IncidentManager (one incident per component) is the baseline. An incident is taken as healed
 * {@code heal_after} after its last signal (the recovery engine is not what is measured here).
 *
 * <p>Root causes are ranked when a cascade's burst is complete, over the graph the analyzer had
 * learned before the cascade began (so a cascade never teaches its own answer); cascades in the
 * first week only teach. The baseline ranks the same burst by first failure seen.
 */
final class PatternsRun {

    static final Duration BURST_BEFORE = Duration.ofMinutes(1);
    static final Duration BURST_AFTER = Duration.ofMinutes(4);
    static final Duration WARM_UP = Duration.ofDays(7);
    static final Duration REFRESH = Duration.ofHours(1);

    record Figures(int components, int cascadesJudged, int top1, int top3, int baselineTop1, int baselineTop3,
                   int patternsFound, int patternsTrue, int planted, int plantedFound,
                   int baselinePatternsFound, int baselinePatternsTrue, int baselinePlantedFound,
                   int edgesLearned, int edgesTrue, int unconfigured, int unconfiguredFound,
                   double incidentsPerCascade, double baselineIncidentsPerCascade, int correlations,
                   int unrelatedFailures, int unrelatedMerged) {

        double strayMergeRatio() { return ratio(unrelatedMerged, unrelatedFailures); }

        double rcaTop1() { return ratio(top1, cascadesJudged); }
        double rcaTop3() { return ratio(top3, cascadesJudged); }
        double baselineTop1Ratio() { return ratio(baselineTop1, cascadesJudged); }
        double baselineTop3Ratio() { return ratio(baselineTop3, cascadesJudged); }
        double temporalPrecision() { return patternsFound == 0 ? 1 : ratio(patternsTrue, patternsFound); }
        double temporalRecall() { return ratio(plantedFound, planted); }
        double baselineTemporalPrecision() { return baselinePatternsFound == 0 ? 1 : ratio(baselinePatternsTrue, baselinePatternsFound); }
        double baselineTemporalRecall() { return ratio(baselinePlantedFound, planted); }
        double edgePrecision() { return edgesLearned == 0 ? 1 : ratio(edgesTrue, edgesLearned); }
        double edgeRecall() { return ratio(unconfiguredFound, unconfigured); }
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    static Figures run(WorldSpec spec, long seed) {
        PatternWorld world = new PatternWorld(spec, seed);
        VirtualScheduler scheduler = new VirtualScheduler(PatternWorld.START);
        FailurePatternAnalyzer analyzer = new FailurePatternAnalyzer(scheduler.clock(), world.configured,
                FailurePatternAnalyzer.Settings.DEFAULTS.withRefreshEvery(REFRESH));
        IncidentManager grouped = new IncidentManager(new InMemoryIncidentStore(), new EventBus(), scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        IncidentManager plain = new IncidentManager(new InMemoryIncidentStore(), new EventBus(), scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
        CascadeGrouper grouper = new CascadeGrouper(grouped, analyzer::report, Duration.ofMinutes(2), i -> true);

        // which cascade each seen failure belongs to, and the graph known when each cascade began
        Map<FailureEvent, Integer> cascadeOf = new HashMap<>();
        for (int k = 0; k < world.cascades.size(); k++) {
            for (FailureEvent e : world.cascades.get(k).seen()) {
                cascadeOf.put(e, k);
            }
        }
        List<Integer> byStart = new ArrayList<>();
        for (int k = 0; k < world.cascades.size(); k++) {
            byStart.add(k);
        }
        byStart.sort(java.util.Comparator.comparing(k -> world.cascades.get(k).start()));
        Map<Integer, PatternReport> knownAtStart = new HashMap<>();
        Map<Integer, Set<String>> plainIncidents = new HashMap<>();
        // where each seen failure went: an incident may later be folded into its root's, and a
        // parked symptom adopted by its root's incident, so the incident is read at the end
        List<String[]> placed = new ArrayList<>();
        Map<Problem, String[]> parkedSlots = new HashMap<>();
        Map<String, String> foldedInto = new HashMap<>();

        int next = 0;
        for (FailureEvent e : world.seen) {
            while (next < byStart.size() && !world.cascades.get(byStart.get(next)).start().isAfter(e.start())) {
                advance(scheduler, world.cascades.get(byStart.get(next)).start());
                knownAtStart.put(byStart.get(next), analyzer.report());
                next++;
            }
            advance(scheduler, e.start());
            heal(grouped, spec.healAfter(), e.start());
            heal(plain, spec.healAfter(), e.start());
            analyzer.record(e);
            Problem problem = new Problem(ProblemType.of(e.type()), e.component(), Severity.HIGH, e.component() + " failing", "bench", e.start());
            CascadeGrouper.Grouped g = grouper.accept(problem);
            String[] slot = {g.incident().id()};
            placed.add(slot);
            if (g.outcome() == CascadeGrouper.Outcome.AWAITING_RECOVERY) {
                parkedSlots.put(problem, slot);
            }
            g.folded().forEach(id -> foldedInto.put(id, g.incident().id()));
            for (Problem adopted : g.adopted()) {
                String[] s = parkedSlots.remove(adopted);
                if (s != null) {
                    s[0] = g.incident().id();
                }
            }
            Incident p = plain.accept(problem).incident();
            Integer k = cascadeOf.get(e);
            if (k != null) {
                plainIncidents.computeIfAbsent(k, x -> new HashSet<>()).add(p.id());
            }
        }
        Map<Integer, Set<String>> groupedIncidents = new HashMap<>();
        Map<String, Set<String>> componentsIn = new HashMap<>();
        List<String> finalIncident = new ArrayList<>();
        for (int j = 0; j < world.seen.size(); j++) {
            String id = placed.get(j)[0];
            while (foldedInto.containsKey(id)) {
                id = foldedInto.get(id);
            }
            finalIncident.add(id);
            componentsIn.computeIfAbsent(id, x -> new HashSet<>()).add(world.seen.get(j).component());
            Integer k = cascadeOf.get(world.seen.get(j));
            if (k != null) {
                groupedIncidents.computeIfAbsent(k, x -> new HashSet<>()).add(id);
            }
        }
        // failures of no cascade and no coincident pair (noise, recurring) put in one incident with another component's
        int unrelated = 0, strayMerged = 0;
        for (int j = 0; j < world.seen.size(); j++) {
            if (!cascadeOf.containsKey(world.seen.get(j)) && !world.coincident.contains(world.seen.get(j))) {
                unrelated++;
                strayMerged += componentsIn.get(finalIncident.get(j)).size() > 1 ? 1 : 0;
            }
        }
        advance(scheduler, world.end);
        PatternReport end = analyzer.refresh();

        // root causes, judged after the warm-up on cascades that reached at least two components
        RootCauseRanker ranker = new RootCauseRanker();
        int judged = 0, top1 = 0, top3 = 0, base1 = 0, base3 = 0;
        double groupedSum = 0, plainSum = 0;
        for (int k = 0; k < world.cascades.size(); k++) {
            PatternWorld.Cascade c = world.cascades.get(k);
            if (c.seen().size() < 2 || c.start().isBefore(PatternWorld.START.plus(WARM_UP))) {
                continue;
            }
            judged++;
            Instant first = c.seen().stream().map(FailureEvent::start).min(Instant::compareTo).orElseThrow();
            List<FailureEvent> burst = world.seen.stream()
                    .filter(e -> !e.start().isBefore(first.minus(BURST_BEFORE)) && e.start().isBefore(first.plus(BURST_AFTER))).toList();
            List<String> ranked = ranker.rank(burst, knownAtStart.get(k).graph()).stream().map(RootCause::component).toList();
            List<String> baseline = burst.stream().sorted(java.util.Comparator.comparing(FailureEvent::start))
                    .map(FailureEvent::component).distinct().toList();
            top1 += ranked.getFirst().equals(c.root()) ? 1 : 0;
            top3 += ranked.subList(0, Math.min(3, ranked.size())).contains(c.root()) ? 1 : 0;
            base1 += baseline.getFirst().equals(c.root()) ? 1 : 0;
            base3 += baseline.subList(0, Math.min(3, baseline.size())).contains(c.root()) ? 1 : 0;
            groupedSum += groupedIncidents.get(k).size();
            plainSum += plainIncidents.get(k).size();
        }

        // temporal patterns against the planted ones; the baseline is "3 or more failures in an hour slot"
        int found = 0, foundTrue = 0, plantedFound = 0;
        for (TemporalPattern p : end.temporal()) {
            found++;
            foundTrue += world.recurring.stream().anyMatch(r -> matches(p, r)) ? 1 : 0;
        }
        for (PatternWorld.Recurring r : world.recurring) {
            plantedFound += end.temporal().stream().anyMatch(p -> matches(p, r)) ? 1 : 0;
        }
        Map<String, Integer> slotCounts = new HashMap<>();
        world.seen.forEach(e -> slotCounts.merge(e.component() + "@" + e.start().atZone(ZoneOffset.UTC).getHour(), 1, Integer::sum));
        Set<String> baselineSlots = new HashSet<>();
        slotCounts.forEach((slot, n) -> {
            if (n >= 3) {
                baselineSlots.add(slot);
            }
        });
        int baseTrue = (int) baselineSlots.stream().filter(s -> world.recurring.stream().anyMatch(r -> slotOf(r).equals(s))).count();
        int basePlanted = (int) world.recurring.stream().filter(r -> baselineSlots.contains(slotOf(r))).count();

        // learned edges against the true graph
        List<CausalEdge> learned = end.suggestions();
        int edgesTrue = (int) learned.stream().filter(e -> world.trueEdges.contains(e.from() + "->" + e.to())).count();
        int unconfiguredFound = (int) learned.stream().filter(e -> world.unconfiguredEdges.contains(e.from() + "->" + e.to())).count();

        return new Figures(world.components.size(), judged, top1, top3, base1, base3,
                found, foundTrue, world.recurring.size(), plantedFound,
                baselineSlots.size(), baseTrue, basePlanted,
                learned.size(), edgesTrue, world.unconfiguredEdges.size(), unconfiguredFound,
                judged == 0 ? 0 : groupedSum / judged, judged == 0 ? 0 : plainSum / judged, end.correlations().size(),
                unrelated, strayMerged);
    }

    private static String slotOf(PatternWorld.Recurring r) {
        return r.component() + "@" + r.hour();
    }

    private static boolean matches(TemporalPattern p, PatternWorld.Recurring r) {
        if (!p.component().equals(r.component()) || r.hour() < p.fromHour() || r.hour() >= p.toHour()) {
            return false;
        }
        return r.day() == null ? p.dayOfWeek().isEmpty() : p.dayOfWeek().map(d -> d == r.day()).orElse(false);
    }

    private static void advance(VirtualScheduler scheduler, Instant to) {
        Duration d = Duration.between(scheduler.now(), to);
        if (!d.isNegative() && !d.isZero()) {
            scheduler.advance(d);
        }
    }

    /** Every unresolved incident quiet for {@code after} is taken as healed and verified. */
    private static void heal(IncidentManager incidents, Duration after, Instant now) {
        for (Incident i : incidents.unresolved()) {
            if (!i.lastSignalAt().plus(after).isAfter(now)) {
                incidents.transition(i.id(), IncidentState.MITIGATING, "bench: healing");
                incidents.transition(i.id(), IncidentState.RESOLVED, "bench: healed");
            }
        }
    }
}
