package dev.selfheal.server.daemon;

import dev.selfheal.health.history.HistoryRecorder;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an outage of the daemon's own store seen. Healing goes on from memory while the store
 * refuses writes (a full disk, a database that is down); every {@link #EVERY} this watch asks
 * whether the latest writes of results or incidents failed, and when they start to, reports a
 * {@value #PROBLEM_TYPE} problem on {@value #COMPONENT}: an incident, which raises its alert
 * (no action is mapped, so it escalates to a person at once). Once writes succeed again the
 * incident is resolved.
 */
final class StoreWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreWatch.class);
    static final String COMPONENT = "selfheal-store";
    static final String PROBLEM_TYPE = "store_unavailable";
    static final Duration EVERY = Duration.ofSeconds(2);

    private final Scheduler scheduler;
    private final HistoryRecorder recorder;
    private final HealingWiring healing;
    private volatile boolean failing;
    private volatile boolean running = true;
    private volatile Cancellable next = Cancellable.NONE;

    StoreWatch(Scheduler scheduler, HistoryRecorder recorder, HealingWiring healing) {
        this.scheduler = scheduler;
        this.recorder = recorder;
        this.healing = healing;
    }

    StoreWatch start() {
        next = scheduler.schedule(EVERY, this::tick);
        return this;
    }

    private void tick() {
        try {
            look();
        } catch (RuntimeException e) {
            log.warn("event=store_watch_failed error=\"{}\"", e.toString());
        }
        if (running) {
            next = scheduler.schedule(EVERY, this::tick);
        }
    }

    void look() {
        boolean history = recorder.isFailing();
        boolean incidents = healing.incidentStoreFailing();
        boolean now = history || incidents;
        if (now && !failing) {
            String what = history && incidents ? "check results and incidents" : history ? "check results" : "incidents";
            healing.problems().report(new Problem(ProblemType.of(PROBLEM_TYPE), COMPONENT, Severity.HIGH,
                    "the store refuses writes of %s: %d check results lost so far (selfheal_history_dropped_total), %d incident versions kept in memory until it takes them"
                            .formatted(what, recorder.droppedCount(), healing.incidentsPendingWrite()), "selfheal", scheduler.clock().instant()));
            log.error("event=store_unavailable failing=\"{}\" results_lost={} incidents_pending={}", what, recorder.droppedCount(),
                    healing.incidentsPendingWrite());
        } else if (!now && failing) {
            healing.incidents().unresolvedFor(COMPONENT).filter(i -> i.state().canMoveTo(IncidentState.RESOLVED))
                    .ifPresent(i -> healing.incidents().transition(i.id(), IncidentState.RESOLVED, "the store takes writes again"));
            log.info("event=store_available results_lost={}", recorder.droppedCount());
        }
        failing = now;
    }

    @Override
    public void close() {
        running = false;
        next.cancel();
    }
}
