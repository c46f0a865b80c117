package dev.selfheal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident: the problems of one component merged, its state and its timeline. Immutable;
 * {@link IncidentManager} replaces it with a new value on every change.
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

    static Incident open(String id, Problem problem) {
        return new Incident(id, problem.component(), IncidentState.OPEN, problem.severity(), List.of(problem),
                problem.at(), problem.at(), Optional.empty(), List.of());
    }

    public boolean isResolved() {
        return state == IncidentState.RESOLVED;
    }

    /** The distinct problem types, in the order they were first seen. */
    public List<ProblemType> problemTypes() {
        return problems.stream().map(Problem::type).distinct().toList();
    }

    Incident withState(IncidentState next, Instant at) {
        return new Incident(id, component, next, severity, problems, openedAt, lastSignalAt,
                next == IncidentState.RESOLVED ? Optional.of(at) : closedAt, timeline);
    }

    Incident withProblem(Problem problem) {
        List<Problem> more = new ArrayList<>(problems);
        more.add(problem);
        return new Incident(id, component, state, Severity.worse(severity, problem.severity()), more, openedAt,
                problem.at().isAfter(lastSignalAt) ? problem.at() : lastSignalAt, closedAt, timeline);
    }

    Incident withEntry(Instant at, TimelineEntry.Kind kind, String message, Map<String, String> data) {
        List<TimelineEntry> more = new ArrayList<>(timeline);
        more.add(new TimelineEntry(timeline.size(), at, kind, message, data));
        return new Incident(id, component, state, severity, problems, openedAt, lastSignalAt, closedAt, more);
    }
}
