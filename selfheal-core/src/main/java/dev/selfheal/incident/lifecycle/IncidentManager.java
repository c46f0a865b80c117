package dev.selfheal.incident.lifecycle;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.IncidentStore;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns problems into incidents and owns every incident change.
 *
 * <h2>Merging</h2>
 * A problem on a component that has an unresolved incident joins it when the incident's last
 * signal is within the merge window (default 5 min). An OPEN or MITIGATING incident absorbs
 * later problems whatever their age, since work on it is under way; an ESCALATED incident that
 * has been quiet for longer than the window does not, and the new problem opens a new incident.
 *
 * <h2>Why one lock</h2>
 * Every change (a merge, a transition, a timeline line) is one step under this object's lock:
 * read the current value, build the next, store it, then publish. Incidents change a few times
 * a minute, not thousands; a single lock keeps the order of timeline entries and events the
 * order in which things happened.
 */
public final class IncidentManager {

    private static final Logger log = LoggerFactory.getLogger(IncidentManager.class);
    public static final Duration DEFAULT_MERGE_WINDOW = Duration.ofMinutes(5);

    /** What {@link #accept} did with a problem. */
    public record Accepted(Incident incident, boolean opened) { }

    private final IncidentStore store;
    private final EventBus bus;
    private final InstantSource clock;
    private final Duration mergeWindow;
    private final Map<String, Incident> active = new LinkedHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong folded = new java.util.concurrent.atomic.AtomicLong();

    public IncidentManager(IncidentStore store, EventBus bus, InstantSource clock, Duration mergeWindow) {
        DurationChecks.positive(mergeWindow, "incident merge window");
        this.store = store;
        this.bus = bus;
        this.clock = clock;
        this.mergeWindow = mergeWindow;
        for (Incident incident : store.unresolved()) {
            active.put(incident.id(), incident);
        }
    }

    /**
     * Forgets what it holds and reads the unresolved incidents from the store again: a node that
     * becomes leader takes over the incidents the previous leader left, as they were stored.
     */
    public synchronized void reload() {
        active.clear();
        for (Incident incident : store.unresolved()) {
            active.put(incident.id(), incident);
        }
    }

    /** Merges the problem into its component's incident, or opens one. */
    public Accepted accept(Problem problem) {
        Incident merged;
        synchronized (this) {
            Optional<Incident> current = active.values().stream()
                    .filter(i -> i.component().equals(problem.component()))
                    .filter(i -> absorbs(i, problem))
                    .reduce((a, b) -> b);
            if (current.isPresent()) {
                Incident incident = current.get();
                merged = incident.withProblem(problem);
                if (incident.listsMoreProblems()) {
                    merged = merged.withEntry(problem.at(), TimelineEntry.Kind.SIGNAL, problem.evidence(), signalData(problem));
                } else {
                    folded.incrementAndGet();
                }
                put(merged);
                return new Accepted(merged, false);
            }
            Incident opened = Incident.open(newId(), problem)
                    .withEntry(problem.at(), TimelineEntry.Kind.SIGNAL, problem.evidence(), signalData(problem));
            put(opened);
            merged = opened;
        }
        log.info("event=incident_opened incident={} component={} problem={} severity={}",
                merged.id(), merged.component(), problem.type(), problem.severity());
        bus.publish(new IncidentOpened(merged.id(), merged.component(), problem, problem.at()));
        return new Accepted(merged, true);
    }

    /**
     * Problems merged into an incident that already listed {@link Incident#MAX_PROBLEMS}: they
     * raised its severity and moved its last signal, and are counted here instead of listed.
     */
    public long foldedProblems() {
        return folded.get();
    }

    /**
     * Merges a problem of another component into an unresolved incident: a downstream symptom
     * into the incident of its root cause, so that a cascade is one incident. The problem keeps
     * its own component; {@code reason} goes into the timeline.
     */
    public Incident acceptInto(String incidentId, Problem problem, String reason) {
        synchronized (this) {
            Incident incident = requireUnresolved(incidentId);
            Map<String, String> data = new LinkedHashMap<>(signalData(problem));
            data.put("component", problem.component());
            data.put("cascade", reason);
            Incident merged = incident.withProblem(problem);
            if (incident.listsMoreProblems()) {
                merged = merged.withEntry(problem.at(), TimelineEntry.Kind.SIGNAL, problem.evidence(), data);
            } else {
                folded.incrementAndGet();
            }
            put(merged);
            return merged;
        }
    }

    /**
     * Moves an unresolved incident onto its root cause: {@code rootProblem}'s component, found
     * failing after the incident was opened on a symptom of it. The incident keeps its id, its
     * problems and its timeline, and gains the root's problem and a DECISION line saying why.
     */
    public Incident reroot(String incidentId, Problem rootProblem, String reason) {
        Incident next;
        String from;
        synchronized (this) {
            Incident incident = requireUnresolved(incidentId);
            from = incident.component();
            next = incident.withComponent(rootProblem.component()).withProblem(rootProblem)
                    .withEntry(rootProblem.at(), TimelineEntry.Kind.SIGNAL, rootProblem.evidence(), signalData(rootProblem))
                    .withEntry(rootProblem.at(), TimelineEntry.Kind.DECISION, reason,
                            Map.of("root", rootProblem.component(), "symptom", from));
            put(next);
        }
        log.info("event=incident_rerooted incident={} from={} to={} reason=\"{}\"", incidentId, from, next.component(), reason);
        return next;
    }

    /**
     * Folds one unresolved incident into another: a symptom's incident, opened a moment before
     * its root cause was seen, joins the root's incident. Every problem of {@code fromId} moves to
     * {@code intoId} (each keeps its component), {@code intoId} gains a DECISION line, and
     * {@code fromId} is resolved with a DECISION line naming where it went (data {@code merged_into}).
     * Returns the incident folded into.
     */
    public Incident fold(String fromId, String intoId, String reason) {
        if (fromId.equals(intoId)) {
            throw new IllegalArgumentException("incident %s cannot be folded into itself".formatted(fromId));
        }
        Instant now = clock.instant();
        Incident into;
        Incident from;
        IncidentState was;
        synchronized (this) {
            from = requireUnresolved(fromId);
            into = requireUnresolved(intoId);
            was = from.state();
            for (Problem p : from.problems()) {
                Map<String, String> data = new LinkedHashMap<>(signalData(p));
                data.put("component", p.component());
                data.put("cascade", reason);
                Incident next = into.withProblem(p);
                into = into.listsMoreProblems() ? next.withEntry(p.at(), TimelineEntry.Kind.SIGNAL, p.evidence(), data) : next;
            }
            into = into.withEntry(now, TimelineEntry.Kind.DECISION, "incident %s on %s merged into this one: %s".formatted(fromId, from.component(), reason),
                    Map.of("merged", fromId, "symptom", from.component()));
            from = from.withState(IncidentState.RESOLVED, now).withEntry(now, TimelineEntry.Kind.DECISION,
                    "merged into incident %s on %s: %s".formatted(intoId, into.component(), reason), Map.of("merged_into", intoId));
            put(into);
            put(from);
        }
        log.info("event=incident_folded incident={} into={} component={} root={} reason=\"{}\"", fromId, intoId, from.component(), into.component(), reason);
        bus.publish(new IncidentStateChanged(fromId, from.component(), was, IncidentState.RESOLVED, now, "merged into " + intoId));
        return into;
    }

    private Incident requireUnresolved(String incidentId) {
        Incident incident = active.get(incidentId);
        if (incident == null) {
            throw new IllegalStateException("incident %s is not unresolved".formatted(incidentId));
        }
        return incident;
    }

    private boolean absorbs(Incident incident, Problem problem) {
        if (incident.state() == IncidentState.OPEN || incident.state() == IncidentState.MITIGATING) {
            return true;
        }
        return !problem.at().isAfter(incident.lastSignalAt().plus(mergeWindow));
    }

    /**
     * Moves an incident to {@code to}, with the reason in its timeline. Returns false (and
     * changes nothing) when the incident is already there; throws on an illegal transition.
     */
    public boolean transition(String incidentId, IncidentState to, String reason) {
        IncidentState from;
        Incident next;
        Instant now = clock.instant();
        synchronized (this) {
            Incident incident = require(incidentId);
            from = incident.state();
            if (from == to) {
                return false;
            }
            if (!from.canMoveTo(to)) {
                throw new IllegalStateException("incident %s cannot move from %s to %s".formatted(incidentId, from, to));
            }
            next = incident.withState(to, now).withEntry(now, TimelineEntry.Kind.STATE, reason,
                    Map.of("from", from.name(), "to", to.name()));
            put(next);
        }
        log.info("event=incident_state_changed incident={} component={} from={} to={} reason=\"{}\"",
                incidentId, next.component(), from, to, reason);
        bus.publish(new IncidentStateChanged(incidentId, next.component(), from, to, now, reason));
        return true;
    }

    /** Adds a line to an incident's timeline. */
    public Incident note(String incidentId, TimelineEntry.Kind kind, String message, Map<String, String> data) {
        synchronized (this) {
            Incident next = require(incidentId).withEntry(clock.instant(), kind, message, data);
            put(next);
            return next;
        }
    }

    public synchronized Optional<Incident> get(String incidentId) {
        Incident incident = active.get(incidentId);
        return incident != null ? Optional.of(incident) : store.find(incidentId);
    }

    /** Unresolved incidents, oldest first. */
    public synchronized List<Incident> unresolved() {
        return List.copyOf(active.values());
    }

    public synchronized Optional<Incident> unresolvedFor(String component) {
        return active.values().stream().filter(i -> i.component().equals(component)).reduce((a, b) -> b);
    }

    public List<Incident> recent(int limit) {
        return store.recent(limit);
    }

    private void put(Incident incident) {
        store.save(incident);
        if (incident.isResolved()) {
            active.remove(incident.id());
        } else {
            active.put(incident.id(), incident);
        }
    }

    private Incident require(String incidentId) {
        Incident incident = active.get(incidentId);
        if (incident != null) {
            return incident;
        }
        return store.find(incidentId).orElseThrow(() -> new NoSuchElementException("no incident with id '%s'".formatted(incidentId)));
    }

    private static Map<String, String> signalData(Problem problem) {
        return Map.of("problem", problem.type().name(), "severity", problem.severity().name(), "source", problem.source());
    }

    private static String newId() {
        return "inc-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
