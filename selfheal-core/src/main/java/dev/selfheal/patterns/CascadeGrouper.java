package dev.selfheal.patterns;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Makes a cascade one incident. Before a problem opens an incident of its own, it is checked
 * against the unresolved incidents with a signal within the window, through every component in
 * them (the incident's own and each merged symptom's), over the causal graph:
 *
 * <ul>
 *   <li>a component already merged into a cascade's incident stays there;</li>
 *   <li>a component with its own incident merges there, as without patterns;</li>
 *   <li>a component downstream of a component in a recent incident joins it: a symptom;</li>
 *   <li>a component upstream of a recent incident's component is its root: the incident moves
 *       onto it ({@link IncidentManager#reroot}) when nothing is being done about the symptom
 *       yet, else the root joins the incident; upstream of another member, it joins;</li>
 *   <li>a sibling of a member (an edge from one same component into both), or a component whose
 *       failures significantly co-occur with a member's (a {@link Correlation}), joins it, unless
 *       it is a symptom of a root healed a moment ago (below).</li>
 * </ul>
 *
 * A root that opens or takes over an incident takes over its symptoms seen before it: the
 * incidents opened within the window on components downstream of it, that nothing is being done
 * about yet, are folded into its incident ({@link IncidentManager#fold}).
 *
 * <p>A symptom still failing within the window after its cascade's root was healed opens nothing:
 * its checks need a few passes to see the root back (if it is still failing after the window, the
 * healing cycle reports it again and it gets an incident of its own). It is kept for the window:
 * if another of its causes is then seen failing, that root's incident takes it.
 *
 * <p>"Recent" is the cascade window from the incident's last signal: far-apart failures of
 * related components are separate incidents. When a new incident opens, the component's active temporal
 * patterns are written into its timeline.
 */
public final class CascadeGrouper {

    /** What happened to a problem. */
    public enum Outcome { OPENED, MERGED_OWN, MERGED_CASCADE, REROOTED, AWAITING_RECOVERY }

    /**
     * @param incident the incident the problem went to (for AWAITING_RECOVERY, the healed root's)
     * @param folded   incidents of symptoms folded into it because the problem is their root
     * @param adopted  symptoms parked on a healed incident that it took over, being their root
     */
    public record Grouped(Incident incident, Outcome outcome, List<String> folded, List<Problem> adopted) {
        public Grouped {
            folded = List.copyOf(folded);
            adopted = List.copyOf(adopted);
        }

        public Grouped(Incident incident, Outcome outcome) {
            this(incident, outcome, List.of(), List.of());
        }
    }

    private static final int RECENT = 50;
    /** Symptoms parked on a healed root kept for adoption by a new root; oldest dropped past this. */
    private static final int MAX_PARKED = 1_000;

    private final IncidentManager incidents;
    private final Supplier<PatternReport> patterns;
    private final Duration window;
    private final Predicate<Incident> mayReroot;
    private final java.util.ArrayDeque<Parked> parked = new java.util.ArrayDeque<>();

    /** A symptom still failing after its root's incident was resolved, and that incident. */
    private record Parked(Problem problem, Incident on) { }

    /**
     * @param patterns  the current pattern report (graph and temporal patterns)
     * @param window    how long after an incident's last signal a related failure still joins it
     * @param mayReroot whether an incident may move onto a root found later, or be folded into
     *                  its root's incident (e.g. not while a plan runs on it)
     */
    public CascadeGrouper(IncidentManager incidents, Supplier<PatternReport> patterns, Duration window, Predicate<Incident> mayReroot) {
        this.incidents = incidents;
        this.patterns = patterns;
        this.window = window;
        this.mayReroot = mayReroot;
    }

    /** How a failing component relates to an unresolved incident, strongest first. */
    private enum Tie { CAUSE_INSIDE, ROOT_OF, UPSTREAM_OF_MEMBER, SIBLING, CORRELATED }

    private record Related(Incident incident, Tie tie, String member) { }

    public synchronized Grouped accept(Problem problem) {
        String c = problem.component();
        while (!parked.isEmpty() && parked.peekFirst().problem().at().plus(window).isBefore(problem.at())) {
            parked.pollFirst();
        }
        Optional<Incident> cascade = incidents.unresolved().stream()
                .filter(i -> !i.component().equals(c) && i.problems().stream().anyMatch(p -> p.component().equals(c)))
                .reduce((a, b) -> b);
        if (cascade.isPresent()) {
            return new Grouped(incidents.acceptInto(cascade.get().id(), problem, "part of the cascade rooted at " + cascade.get().component()),
                    Outcome.MERGED_CASCADE);
        }
        PatternReport report = patterns.get();
        CausalGraph graph = report.graph();
        Optional<Incident> own = incidents.unresolvedFor(c);
        if (own.isPresent()) {
            Optional<Related> cause = related(problem, report).filter(r -> r.tie() == Tie.CAUSE_INSIDE && !r.incident().id().equals(own.get().id()));
            if (cause.isPresent() && mayReroot.test(own.get())) {
                // failing again, now downstream of a cascade: its open incident is that cascade's symptom
                Incident into = incidents.fold(own.get().id(), cause.get().incident().id(),
                        "%s failed again, downstream of %s in this cascade".formatted(c, cause.get().member()));
                return new Grouped(incidents.acceptInto(into.id(), problem, "downstream of " + cause.get().member()),
                        Outcome.MERGED_CASCADE, List.of(own.get().id()), List.of());
            }
            return new Grouped(incidents.accept(problem).incident(), Outcome.MERGED_OWN);
        }
        Optional<Related> related = related(problem, report);
        if (related.isPresent() && related.get().tie().compareTo(Tie.UPSTREAM_OF_MEMBER) <= 0) {
            return join(problem, related.get(), graph);
        }
        Optional<Incident> healedRoot = incidents.recent(RECENT).stream()
                .filter(i -> i.isResolved() && !i.component().equals(c) && componentsOf(i).contains(c))
                .filter(i -> i.closedAt().map(at -> !problem.at().isAfter(at.plus(window))).orElse(false))
                .findFirst();
        if (healedRoot.isEmpty()) {
            // downstream of a symptom still recovering from a root healed a moment ago: waits with it
            Set<String> causes = graph.causesOf(c);
            healedRoot = parked.stream().filter(p -> causes.contains(p.problem().component())).map(Parked::on).findFirst();
        }
        if (healedRoot.isPresent()) {
            // the root was healed a moment ago; its symptoms need a few checks to pass again
            parked.addLast(new Parked(problem, healedRoot.get()));
            if (parked.size() > MAX_PARKED) {
                parked.pollFirst();
            }
            return new Grouped(healedRoot.get(), Outcome.AWAITING_RECOVERY);
        }
        if (related.isPresent()) {
            return join(problem, related.get(), graph);
        }
        IncidentManager.Accepted accepted = incidents.accept(problem);
        Incident incident = accepted.incident();
        for (TemporalPattern p : report.activeFor(c)) {
            incident = incidents.note(incident.id(), TimelineEntry.Kind.DECISION, "recurring failure: " + p.describe(),
                    Map.of("pattern", "temporal", "from_hour", Integer.toString(p.fromHour()), "to_hour", Integer.toString(p.toHour())));
        }
        if (!accepted.opened()) {
            return new Grouped(incident, Outcome.MERGED_OWN);
        }
        return takeOverSymptoms(problem, incident, graph, Outcome.OPENED);
    }

    private Grouped join(Problem problem, Related r, CausalGraph graph) {
        String c = problem.component();
        Incident i = r.incident();
        if (r.tie() == Tie.ROOT_OF && mayReroot.test(i)) {
            Incident moved = incidents.reroot(i.id(), problem, "%s is upstream of %s: the root of this cascade".formatted(c, i.component()));
            return takeOverSymptoms(problem, moved, graph, Outcome.REROOTED);
        }
        String why = switch (r.tie()) {
            case CAUSE_INSIDE -> "downstream of " + r.member();
            case ROOT_OF -> "upstream of " + i.component() + " (plan already under way)";
            case UPSTREAM_OF_MEMBER -> "upstream of " + r.member();
            case SIBLING -> "shares a cause with " + r.member();
            case CORRELATED -> "fails together with " + r.member() + " (correlated)";
        };
        return new Grouped(incidents.acceptInto(i.id(), problem, why), Outcome.MERGED_CASCADE);
    }

    /**
     * The unresolved incident, with a signal within the window, that the failing component is most
     * strongly tied to through any of its components: a known cause inside it, its root downstream
     * of the component, a member downstream, a member with a parent in common, or a member whose
     * failures significantly co-occur with the component's (a correlation of the report).
     */
    private Optional<Related> related(Problem problem, PatternReport report) {
        String c = problem.component();
        CausalGraph graph = report.graph();
        Set<String> causes = graph.causesOf(c);
        Set<String> effects = graph.effectsOf(c);
        Set<String> parents = graph.parentsOf(c);
        Set<String> correlated = new java.util.HashSet<>();
        for (Correlation k : report.correlations()) {
            if (k.a().equals(c)) {
                correlated.add(k.b());
            } else if (k.b().equals(c)) {
                correlated.add(k.a());
            }
        }
        Related best = null;
        for (Incident i : incidents.unresolved()) {
            if (problem.at().isAfter(i.lastSignalAt().plus(window))) {
                continue;
            }
            Related r = null;
            if (effects.contains(i.component()) && !causes.contains(i.component())) {
                r = new Related(i, Tie.ROOT_OF, i.component());
            }
            for (String m : componentsOf(i)) {
                Tie t = causes.contains(m) ? Tie.CAUSE_INSIDE
                        : effects.contains(m) ? Tie.UPSTREAM_OF_MEMBER
                        : shareACause(parents, graph.parentsOf(m)) ? Tie.SIBLING
                        : correlated.contains(m) ? Tie.CORRELATED : null;
                if (t != null && (r == null || t.compareTo(r.tie()) < 0)) {
                    r = new Related(i, t, m);
                }
            }
            if (r != null && (best == null || r.tie().compareTo(best.tie()) < 0
                    || r.tie() == best.tie() && r.incident().lastSignalAt().isAfter(best.incident().lastSignalAt()))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A root that has just opened (or taken over) an incident takes over its symptoms seen a
     * moment before it: the recent incidents of components downstream of it that nothing is
     * being done about yet are folded into its incident, and its symptoms parked on a healed
     * incident (a root healed a moment ago) join it.
     */
    private Grouped takeOverSymptoms(Problem root, Incident incident, CausalGraph graph, Outcome outcome) {
        String c = root.component();
        Set<String> effects = graph.effectsOf(c);
        if (effects.isEmpty()) {
            return new Grouped(incident, outcome);
        }
        Set<String> causes = graph.causesOf(c);
        List<String> folded = new java.util.ArrayList<>();
        for (Incident i : incidents.unresolved()) {
            if (!i.id().equals(incident.id()) && effects.contains(i.component()) && !causes.contains(i.component())
                    && !i.openedAt().plus(window).isBefore(root.at()) && mayReroot.test(i)) {
                incident = incidents.fold(i.id(), incident.id(), "%s is downstream of %s, the root of this cascade".formatted(i.component(), c));
                folded.add(i.id());
            }
        }
        List<Problem> adopted = new java.util.ArrayList<>();
        for (var it = parked.iterator(); it.hasNext(); ) {
            Problem p = it.next().problem();
            if (effects.contains(p.component()) && !causes.contains(p.component()) && !p.at().plus(window).isBefore(root.at())) {
                incident = incidents.acceptInto(incident.id(), p, "downstream of %s, failing since before it was seen".formatted(c));
                adopted.add(p);
                it.remove();
            }
        }
        return new Grouped(incident, outcome, folded, adopted);
    }

    private static boolean shareACause(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    /** The components of an incident: its own and every merged symptom's. */
    public static Set<String> componentsOf(Incident incident) {
        return incident.problems().stream().map(Problem::component).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
