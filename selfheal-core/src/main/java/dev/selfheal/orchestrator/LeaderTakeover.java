package dev.selfheal.orchestrator;

import dev.selfheal.health.ComponentHealth;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.TimelineEntry.Kind;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.recovery.RecoveryJournalEntry.Status;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node that has just been elected leader does with the incidents the previous leader left
 * MITIGATING, before its own healing loop starts ({@link #takeOver}).
 *
 * <p>The previous leader was killed, frozen past its lease, or cut from the database somewhere in
 * the middle of a run: before its first step, with a step RUNNING in the journal whose action may
 * or may not have run, after a step failed (it would have gone on with the next), or after a step
 * succeeded, while it waited for the component to pass its checks. A single node restarting after
 * a crash cannot tell these apart and escalates; left that way in a cluster, a fault the old leader
 * never acted on stays down until a person looks. A new leader can do better, because the
 * component is still watched, by the whole cluster:
 *
 * <ul>
 *   <li>the component is HEALTHY (and the incident came from its checks): the incident is RESOLVED;</li>
 *   <li>the last step's outcome is not known yet (left RUNNING, or SUCCEEDED and not verified):
 *       the step is closed INTERRUPTED and the incident waits, ESCALATED, for the verification
 *       window a step of this node gets; the component turning HEALTHY in that time resolves it
 *       (as any escalated incident), and if it is not HEALTHY after it the incident is OPEN again
 *       and healed from a fresh plan — so an action that did run is not run a second time while
 *       it may still be taking effect;</li>
 *   <li>nothing is under way (no step yet, or the last one failed, timed out or was not run
 *       because the old leader had lost its lease): the incident is OPEN again at once, and the
 *       loop that starts next heals it.</li>
 * </ul>
 * Each decision is a line in the incident's timeline. Incidents already ESCALATED (a person's) are
 * left as they are. The writes go through this node's (fenced) stores, under its new token.
 */
public final class LeaderTakeover {

    private static final Logger log = LoggerFactory.getLogger(LeaderTakeover.class);

    /** Where the problems of a component's checks come from: a status change, or the cycle finding it UNHEALTHY. */
    private static final java.util.Set<String> CHECK_SOURCES = java.util.Set.of("health", "cycle");

    private final IncidentManager incidents;
    private final RecoveryJournal journal;
    private final Function<String, Optional<ComponentHealth>> health;
    private final Scheduler scheduler;
    private final Duration verificationWindow;
    private final Runnable cycle;
    private final List<Cancellable> waits = new ArrayList<>();
    private boolean watching;
    private Cancellable watch = Cancellable.NONE;
    /** Incidents seen orphaned by the previous look (read and written on the scheduler's thread). */
    private volatile java.util.Set<String> suspects = java.util.Set.of();

    /**
     * @param health             a component's health as this node sees it (its own checks and the others')
     * @param verificationWindow how long a step of this node is given to show its effect
     * @param cycle              runs one healing cycle (it works the OPEN incidents)
     */
    public LeaderTakeover(IncidentManager incidents, RecoveryJournal journal, Function<String, Optional<ComponentHealth>> health,
                          Scheduler scheduler, Duration verificationWindow, Runnable cycle) {
        DurationChecks.positive(verificationWindow, "takeover verification window");
        this.incidents = incidents;
        this.journal = journal;
        this.health = health;
        this.scheduler = scheduler;
        this.verificationWindow = verificationWindow;
        this.cycle = cycle;
    }

    /** Takes over the unresolved incidents left MITIGATING; call after the incidents were reloaded, before the loop starts. */
    public void takeOver() {
        for (Incident incident : incidents.unresolved()) {
            if (incident.state() != IncidentState.MITIGATING) {
                continue;
            }
            try {
                takeOver(incident);
            } catch (RuntimeException e) {
                // a refused (fenced) or failed write: the engine's own start-up handling applies to this one
                log.warn("event=takeover_failed incident={} component={} error=\"{}\"", incident.id(), incident.component(), e.toString());
            }
        }
    }

    private void takeOver(Incident incident) {
        String id = incident.id();
        List<RecoveryJournalEntry> steps = journal.forIncident(id);
        Optional<RecoveryJournalEntry> last = steps.isEmpty() ? Optional.empty() : Optional.of(steps.getLast());
        for (RecoveryJournalEntry step : steps) {
            if (step.status() == Status.RUNNING && journal.end(step.stepId(), Status.INTERRUPTED, scheduler.clock().instant(),
                    "left RUNNING by a leader that lost its lease: whether its action ran is not known")) {
                incidents.note(id, Kind.STEP_ENDED, "%s INTERRUPTED: the leader running it lost its lease (started %s)"
                        .formatted(step.action(), step.startedAt()), Map.of("action", step.action(), "step", step.stepId(),
                        "outcome", Status.INTERRUPTED.name()));
            }
        }
        if (healthyAgain(incident)) {
            resolve(incident, "at the takeover");
            return;
        }
        boolean outcomePending = last.map(s -> s.status() == Status.RUNNING || s.status() == Status.SUCCEEDED
                || s.status() == Status.DRY_RUN).orElse(false);
        if (!outcomePending) {
            String why = last.map(s -> "its last step, %s, ended %s".formatted(s.action(), s.status())).orElse("no step had begun");
            incidents.note(id, Kind.DECISION, "taken over from the previous leader (%s): healing starts over with a fresh plan"
                    .formatted(why), Map.of("decision", "takeover_restart"));
            incidents.transition(id, IncidentState.OPEN, "taken over by a new leader: healing starts over");
            log.info("event=takeover_reopened incident={} component={} reason=\"{}\"", id, incident.component(), why);
            return;
        }
        String action = last.get().action();
        String why = "taken over from the previous leader while %s's outcome was not known: waiting %s for %s to pass its checks"
                .formatted(action, verificationWindow, incident.component());
        incidents.note(id, Kind.DECISION, why, Map.of("action", action, "decision", "takeover_wait"));
        incidents.transition(id, IncidentState.ESCALATED, why);
        log.info("event=takeover_waiting incident={} component={} action={} wait_ms={}", id, incident.component(), action,
                verificationWindow.toMillis());
        synchronized (waits) {
            waits.add(scheduler.schedule(verificationWindow, () -> afterWait(id, action)));
        }
    }

    private void afterWait(String id, String action) {
        try {
            Optional<Incident> incident = incidents.get(id);
            if (incident.isEmpty() || incident.get().state() != IncidentState.ESCALATED) {
                return; // resolved meanwhile (the component passed its checks), or a person took it
            }
            if (healthyAgain(incident.get())) {
                resolve(incident.get(), "after waiting for " + action);
                return;
            }
            incidents.note(id, Kind.DECISION, "%s did not pass its checks within %s of the takeover: healing starts over with a fresh plan"
                    .formatted(incident.get().component(), verificationWindow), Map.of("action", action, "decision", "takeover_restart"));
            incidents.transition(id, IncidentState.OPEN, "taken over by a new leader: the previous leader's %s did not bring %s back"
                    .formatted(action, incident.get().component()));
            log.info("event=takeover_reopened incident={} component={} reason=\"{} did not bring it back within {} ms\"", id,
                    incident.get().component(), action, verificationWindow.toMillis());
            cycle.run();
        } catch (RuntimeException e) {
            log.warn("event=takeover_failed incident={} error=\"{}\"", id, e.toString());
        }
    }

    /**
     * Whether the incident is over by what this node sees: its component is HEALTHY and every
     * problem in it came from the component's checks. An incident raised by something else (a
     * breaker, a metric, an alert) passing checks does not show over; the engine's verification
     * judges it once it is healed again.
     */
    private boolean healthyAgain(Incident incident) {
        boolean fromChecks = incident.problems().stream().allMatch(p -> CHECK_SOURCES.contains(p.source()));
        return fromChecks && health.apply(incident.component()).map(c -> c.status() == HealthStatus.HEALTHY).orElse(false);
    }

    private void resolve(Incident incident, String when) {
        incidents.note(incident.id(), Kind.VERIFICATION, "%s is HEALTHY %s".formatted(incident.component(), when), Map.of());
        incidents.transition(incident.id(), IncidentState.RESOLVED, "taken over from the previous leader with %s HEALTHY again"
                .formatted(incident.component()));
        log.info("event=takeover_resolved incident={} component={}", incident.id(), incident.component());
    }

    /**
     * While this node leads, looks every {@code interval} for its own orphans: incidents MITIGATING
     * that no run of the engine works ({@code working} false). A run ends that way when a store
     * write fails in the middle of it (every connection dropped while a step began) and the
     * escalation that followed could not be written either: the node still leads, so no takeover
     * comes, and the incident would stay MITIGATING with nobody on it. One seen so on two looks in
     * a row (a run that just ended is not taken for one) is taken over as a predecessor's would be.
     * {@link #cancel} stops the looking.
     */
    public void watchOrphans(Duration interval, java.util.function.Predicate<String> working) {
        DurationChecks.positive(interval, "orphan watch interval");
        synchronized (waits) {
            watching = true;
            suspects = java.util.Set.of();
            watch.cancel();
            watch = scheduler.schedule(interval, () -> lookForOrphans(interval, working));
        }
    }

    private void lookForOrphans(Duration interval, java.util.function.Predicate<String> working) {
        try {
            java.util.Set<String> orphans = new java.util.HashSet<>();
            for (Incident incident : incidents.unresolved()) {
                if (incident.state() == IncidentState.MITIGATING && !working.test(incident.id())) {
                    orphans.add(incident.id());
                }
            }
            java.util.Set<String> seenTwice = new java.util.HashSet<>(orphans);
            seenTwice.retainAll(suspects);
            orphans.removeAll(seenTwice);
            suspects = orphans;
            boolean adopted = false;
            for (String id : seenTwice) {
                Optional<Incident> incident = incidents.get(id);
                if (incident.isPresent() && incident.get().state() == IncidentState.MITIGATING && !working.test(id)) {
                    log.warn("event=orphan_incident_taken_over incident={} component={} note=\"MITIGATING with no run working it\"",
                            id, incident.get().component());
                    takeOver(incident.get());
                    adopted = true;
                }
            }
            if (adopted) {
                cycle.run(); // an incident OPEN again is worked now, not a cycle later
            }
        } catch (RuntimeException e) {
            log.warn("event=orphan_watch_failed error=\"{}\"", e.toString());
        } finally {
            synchronized (waits) {
                if (watching) {
                    watch = scheduler.schedule(interval, () -> lookForOrphans(interval, working));
                }
            }
        }
    }

    /** Forgets the waits under way and stops looking for orphans: this node stopped leading, the incidents are the next leader's. */
    public void cancel() {
        synchronized (waits) {
            watching = false;
            watch.cancel();
            waits.forEach(Cancellable::cancel);
            waits.clear();
        }
    }
}
