package dev.selfheal.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident: the problems of one component merged, its state and its timeline. Immutable;
 * {@link dev.selfheal.incident.lifecycle.IncidentManager} replaces it with a new value on every
 * change, through the copiers below.
 */
public record Incident(
        String id,
        String component,
        IncidentState state,
        Severity severity,
        List<Problem> problems,
        Instant openedAt,
        Instant lastSignalAt,
        Optional<Instant> closedAt,
        List<TimelineEntry> timeline) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(severity, "severity");
        problems = List.copyOf(problems);
        timeline = List.copyOf(timeline);
        Objects.requireNonNull(closedAt, "closedAt");
    }

    /** A new open incident whose first problem is {@code problem}. */
    public static Incident open(String id, Problem problem) {
        return new Incident(id, problem.component(), IncidentState.OPEN, problem.severity(), List.of(problem),
                problem.at(), problem.at(), Optional.empty(), List.of());
    }

    public boolean isResolved() {
        return state == IncidentState.RESOLVED;
    }

    /**
     * Why the latest recovery plan is ordered as it is: the {@code why} of the last PLAN entry of
     * the timeline (one reason per step, {@code " | "} between them), when the planner gave one.
     */
    public Optional<String> planExplanation() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            TimelineEntry t = timeline.get(i);
            if (t.kind() == TimelineEntry.Kind.PLAN) {
                return Optional.ofNullable(t.data().get("why")).filter(w -> !w.isBlank());
            }
        }
        return Optional.empty();
    }

    /** The distinct problem types, in the order they were first seen. */
    public List<ProblemType> problemTypes() {
        return problems.stream().map(Problem::type).distinct().toList();
    }

    /** A copy in state {@code next}; moving to RESOLVED sets {@link #closedAt()} to {@code at}. */
    public Incident withState(IncidentState next, Instant at) {
        return new Incident(id, component, next, severity, problems, openedAt, lastSignalAt,
                next == IncidentState.RESOLVED ? Optional.of(at) : closedAt, timeline);
    }

    /**
     * The most problems an incident lists. Later ones still raise its severity and move its last
     * signal, but are not listed: a storm of alerts on one component used to grow one incident
     * without bound, and every change copies the list and every store write counts it.
     */
    public static final int MAX_PROBLEMS = 100;

    /** Whether {@link #withProblem} would list another problem. */
    public boolean listsMoreProblems() {
        return problems.size() < MAX_PROBLEMS;
    }

    /**
     * A copy with one more problem: severity the worse of both, last signal the later. Past
     * {@link #MAX_PROBLEMS} the problem is not listed.
     */
    public Incident withProblem(Problem problem) {
        List<Problem> more = new ArrayList<>(problems);
        if (listsMoreProblems()) {
            more.add(problem);
        }
        return new Incident(id, component, state, Severity.worse(severity, problem.severity()), more, openedAt,
                problem.at().isAfter(lastSignalAt) ? problem.at() : lastSignalAt, closedAt, timeline);
    }

    /**
     * A copy about another component: the root cause of a cascade found after the incident was
     * opened on one of its symptoms. The problems (each naming its own component) stay.
     */
    public Incident withComponent(String root) {
        return new Incident(id, root, state, severity, problems, openedAt, lastSignalAt, closedAt, timeline);
    }

    /** A copy with one more timeline entry, numbered after the last. */
    public Incident withEntry(Instant at, TimelineEntry.Kind kind, String message, Map<String, String> data) {
        List<TimelineEntry> more = new ArrayList<>(timeline);
        more.add(new TimelineEntry(timeline.size(), at, kind, message, data));
        return new Incident(id, component, state, severity, problems, openedAt, lastSignalAt, closedAt, more);
    }
}
