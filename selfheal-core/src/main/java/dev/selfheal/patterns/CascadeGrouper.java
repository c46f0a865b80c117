package dev.selfheal.patterns;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Makes a cascade one incident. Before a problem opens an incident of its own, it is checked
 * against the unresolved incidents over the causal graph:
 *
 * <ul>
 *   <li>a component already merged into a cascade's incident stays there;</li>
 *   <li>a component with its own incident merges there, as without patterns;</li>
 *   <li>a component downstream of a recent incident's component, or a sibling of it (an edge
 *       from one same component into both), joins that incident: it is a symptom;</li>
 *   <li>a component upstream of a recent incident's component is its root: the incident moves
 *       onto it ({@link IncidentManager#reroot}) when nothing is being done about the symptom
 *       yet, else the root joins the incident.</li>
 * </ul>
 *
 * A symptom still failing within the window after its cascade's root was healed opens nothing:
 * its checks need a few passes to see the root back (if it is still failing after the window, the
 * healing cycle reports it again and it gets an incident of its own).
 *
 * <p>"Recent" is the cascade window from the incident's last signal: far-apart failures of
 * related components are separate incidents. When a new incident opens, the component's active temporal
 * patterns are written into its timeline.
 */
public final class CascadeGrouper {

    /** What happened to a problem. */
    public enum Outcome { OPENED, MERGED_OWN, MERGED_CASCADE, REROOTED, AWAITING_RECOVERY }

    public record Grouped(Incident incident, Outcome outcome) { }

    private static final int RECENT = 50;

    private final IncidentManager incidents;
    private final Supplier<PatternReport> patterns;
    private final Duration window;
    private final Predicate<Incident> mayReroot;

    /**
     * @param patterns  the current pattern report (graph and temporal patterns)
     * @param window    how long after an incident's last signal a related failure still joins it
     * @param mayReroot whether an incident may move onto a root found later (e.g. not while a plan runs on it)
     */
    public CascadeGrouper(IncidentManager incidents, Supplier<PatternReport> patterns, Duration window, Predicate<Incident> mayReroot) {
        this.incidents = incidents;
        this.patterns = patterns;
        this.window = window;
        this.mayReroot = mayReroot;
    }

    public synchronized Grouped accept(Problem problem) {
        String c = problem.component();
        Optional<Incident> cascade = incidents.unresolved().stream()
                .filter(i -> !i.component().equals(c) && i.problems().stream().anyMatch(p -> p.component().equals(c)))
                .reduce((a, b) -> b);
        if (cascade.isPresent()) {
            return new Grouped(incidents.acceptInto(cascade.get().id(), problem, "part of the cascade rooted at " + cascade.get().component()),
                    Outcome.MERGED_CASCADE);
        }
        if (incidents.unresolvedFor(c).isPresent()) {
            return new Grouped(incidents.accept(problem).incident(), Outcome.MERGED_OWN);
        }
        Optional<Incident> healedRoot = incidents.recent(RECENT).stream()
                .filter(i -> i.isResolved() && !i.component().equals(c) && componentsOf(i).contains(c))
                .filter(i -> i.closedAt().map(at -> !problem.at().isAfter(at.plus(window))).orElse(false))
                .findFirst();
        if (healedRoot.isPresent()) {
            // the root was healed a moment ago; its symptoms need a few checks to pass again
            return new Grouped(healedRoot.get(), Outcome.AWAITING_RECOVERY);
        }
        PatternReport report = patterns.get();
        CausalGraph graph = report.graph();
        Set<String> causes = graph.causesOf(c);
        Set<String> effects = graph.effectsOf(c);
        Optional<Incident> related = incidents.unresolved().stream()
                .filter(i -> !problem.at().isAfter(i.lastSignalAt().plus(window)))
                .filter(i -> causes.contains(i.component()) || effects.contains(i.component())
                        || shareACause(graph.parentsOf(c), graph.parentsOf(i.component())))
                .max(Comparator.comparing(Incident::lastSignalAt));
        if (related.isPresent()) {
            Incident i = related.get();
            if (effects.contains(i.component()) && !causes.contains(i.component()) && mayReroot.test(i)) {
                return new Grouped(incidents.reroot(i.id(), problem,
                        "%s is upstream of %s: the root of this cascade".formatted(c, i.component())), Outcome.REROOTED);
            }
            String why = causes.contains(i.component()) ? "downstream of " + i.component()
                    : effects.contains(i.component()) ? "upstream of " + i.component() + " (plan already under way)"
                    : "shares a cause with " + i.component();
            return new Grouped(incidents.acceptInto(i.id(), problem, why), Outcome.MERGED_CASCADE);
        }
        IncidentManager.Accepted accepted = incidents.accept(problem);
        Incident incident = accepted.incident();
        for (TemporalPattern p : report.activeFor(c)) {
            incident = incidents.note(incident.id(), TimelineEntry.Kind.DECISION, "recurring failure: " + p.describe(),
                    Map.of("pattern", "temporal", "from_hour", Integer.toString(p.fromHour()), "to_hour", Integer.toString(p.toHour())));
        }
        return new Grouped(incident, accepted.opened() ? Outcome.OPENED : Outcome.MERGED_OWN);
    }

    private static boolean shareACause(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    /** The components of an incident: its own and every merged symptom's. */
    public static Set<String> componentsOf(Incident incident) {
        return incident.problems().stream().map(Problem::component).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
