package dev.selfheal.orchestrator;

import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.ProblemReported;
import dev.selfheal.health.ComponentHealth;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.patterns.CascadeGrouper;
import dev.selfheal.patterns.FailurePatternAnalyzer;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.Cancellable;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-healing loop: it ties detection, incidents, recovery and degradation together.
 *
 * <h2>Event-driven first</h2>
 * A component turning UNHEALTHY, or a problem handed to {@link #report}, becomes an incident and
 * the engine starts on it at once; the periodic cycle (default 10 s) only catches what events
 * missed (components found UNHEALTHY with no incident, e.g. after a restart; OPEN incidents not
 * being worked) and re-assesses degradation. Work is handed to the loop executor so that a
 * publisher (a check's thread, a breaker's caller) never waits on a store or a plan.
 *
 * <h2>A cycle that fails</h2>
 * is logged and counted, and the next one waits twice the interval.
 */
public final class SelfHealingOrchestrator implements ProblemReporter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SelfHealingOrchestrator.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final EventBus bus;
    private final IncidentManager incidents;
    private final RecoveryEngine engine;
    private final Optional<HealthCheckManager> health;
    private final Optional<DegradationManager> degradation;
    private final Supplier<DegradationInputs> degradationInputs;
    private final ProblemMapping mapping;
    private final Duration interval;
    private final Executor loop;
    /** The loop's own thread, when the builder made it (not one handed in): {@link #stop} ends it. */
    private final java.util.concurrent.ExecutorService ownLoop;
    private final Optional<FailurePatternAnalyzer> patterns;
    private final Optional<CascadeGrouper> cascades;
    private final Duration cascadeHold;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    private final AtomicLong cycles = new AtomicLong();
    private final AtomicLong cycleFailures = new AtomicLong();
    private final AtomicLong loopFailures = new AtomicLong();
    private volatile Cancellable nextCycle = Cancellable.NONE;
    private volatile boolean running;

    private SelfHealingOrchestrator(Builder b) {
        this.scheduler = b.scheduler;
        this.bus = b.bus;
        this.incidents = b.incidents;
        this.engine = b.engine;
        this.health = Optional.ofNullable(b.health);
        this.degradation = Optional.ofNullable(b.degradation);
        this.degradationInputs = b.degradationInputs;
        this.mapping = b.mapping;
        this.interval = b.interval;
        this.loop = b.loop;
        this.ownLoop = b.ownLoop;
        this.patterns = Optional.ofNullable(b.patterns);
        this.cascadeHold = b.cascadeHold;
        this.cascades = patterns.map(p -> new CascadeGrouper(incidents, p::report, b.cascadeWindow,
                i -> i.state() == IncidentState.OPEN && !engine.isWorking(i.id())));
    }

    public static Builder builder(Scheduler scheduler, EventBus bus, IncidentManager incidents, RecoveryEngine engine) {
        return new Builder(scheduler, bus, incidents, engine);
    }

    /** Recovers the journal, starts listening and schedules the first cycle. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        engine.recoverJournal();
        subscriptions.add(new StatusProblemDetector(bus, mapping, this));
        patterns.ifPresent(p -> subscriptions.add(p.listenTo(bus)));
        subscriptions.add(bus.subscribe(IncidentOpened.class, e -> {
            if (ON_EXTERNAL_LANE.get()) {
                // opened by accept(): the external lane's thread works it too, the loop never queues it
                handleHere(e.incidentId());
            } else if (heldForItsRoot(e.component())) {
                // a symptom of a known cause: give the root a moment to show up and take the incident over
                scheduler.schedule(cascadeHold, () -> submit("handle " + e.incidentId(), () -> engine.handle(e.incidentId())));
            } else {
                submit("handle " + e.incidentId(), () -> engine.handle(e.incidentId()));
            }
        }));
        subscriptions.add(bus.subscribe(ComponentStatusChanged.class, e -> {
            if (e.to() == HealthStatus.HEALTHY) {
                submit("healthy " + e.component(), () -> engine.onComponentHealthy(e.component(), e.reason()));
            }
        }));
        for (Incident incident : incidents.unresolved()) {
            if (incident.state() == IncidentState.OPEN) {
                submit("handle " + incident.id(), () -> engine.handle(incident.id()));
            }
        }
        nextCycle = scheduler.schedule(interval, this::cycleAndReschedule);
        log.info("event=orchestrator_started interval_ms={}", interval.toMillis());
    }

    /** Hands a problem to the loop: it merges into an incident, and a new incident is worked at once. */
    @Override
    public void report(Problem problem) {
        bus.publish(new ProblemReported(problem));
        submit("report " + problem.component(), () -> {
            if (cascades.isPresent()) {
                cascades.get().accept(problem);
            } else {
                incidents.accept(problem);
            }
        });
    }

    /**
     * Merges a problem into its incident on the caller's thread, at once. For the lane of external
     * alerts, which has its own thread so that an alert storm neither waits behind the loop's own
     * work nor puts the loop's work (restarting a supervised service) behind thousands of alerts.
     */
    public void accept(Problem problem) {
        boolean outer = !ON_EXTERNAL_LANE.get();
        ON_EXTERNAL_LANE.set(true);
        try {
            bus.publish(new ProblemReported(problem));
            if (cascades.isPresent()) {
                cascades.get().accept(problem);
            } else {
                incidents.accept(problem);
            }
        } finally {
            if (outer) {
                ON_EXTERNAL_LANE.remove();
            }
        }
    }

    /** Set while {@link #accept} runs: the incidents it opens are worked on its thread (the bus delivers on the publisher's). */
    private static final ThreadLocal<Boolean> ON_EXTERNAL_LANE = ThreadLocal.withInitial(() -> false);

    private void handleHere(String incidentId) {
        try {
            engine.handle(incidentId);
        } catch (RuntimeException e) {
            loopFailures.incrementAndGet();
            log.error("event=healing_task_failed task=\"handle {}\" lane=external error=\"{}\"", incidentId, e.toString(), e);
        }
    }

    private boolean heldForItsRoot(String component) {
        return patterns.isPresent() && !cascadeHold.isZero() && !patterns.get().report().graph().causesOf(component).isEmpty();
    }

    /** One cycle, now (also what the timer runs). */
    public void cycle() {
        cycles.incrementAndGet();
        health.ifPresent(h -> {
            for (var group : h.report().groups()) {
                for (ComponentHealth c : group.components()) {
                    if (c.status() == HealthStatus.UNHEALTHY && incidents.unresolvedFor(c.name()).isEmpty()) {
                        report(new Problem(mapping.typeOf(c.name(), c.group()), c.name(), Severity.HIGH,
                                "%s found UNHEALTHY by the healing cycle: %s".formatted(c.name(), c.message()), "cycle",
                                scheduler.clock().instant()));
                    }
                }
            }
        });
        for (Incident incident : incidents.unresolved()) {
            if (incident.state() == IncidentState.OPEN && !engine.isWorking(incident.id())
                    && !incident.openedAt().plus(cascadeHold).isAfter(scheduler.clock().instant())) {
                submit("handle " + incident.id(), () -> engine.handle(incident.id()));
            }
        }
        degradation.ifPresent(d -> d.assess(degradationInputs.get()));
    }

    private void cycleAndReschedule() {
        if (!running) {
            return;
        }
        Duration next = interval;
        try {
            cycle();
        } catch (RuntimeException e) {
            cycleFailures.incrementAndGet();
            next = interval.multipliedBy(2);
            log.error("event=healing_cycle_failed failures={} next_in_ms={} error=\"{}\"", cycleFailures.get(), next.toMillis(), e.toString(), e);
        }
        if (running) {
            nextCycle = scheduler.schedule(next, this::cycleAndReschedule);
        }
    }

    private void submit(String what, Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    loopFailures.incrementAndGet();
                    log.error("event=healing_task_failed task=\"{}\" error=\"{}\"", what, e.toString(), e);
                }
            });
        } catch (RuntimeException rejected) {
            if (!running) {
                return; // stopped: the next start's cycle picks up what this would have done
            }
            loopFailures.incrementAndGet();
            log.error("event=healing_task_rejected task=\"{}\" error=\"{}\"", what, rejected.toString());
        }
    }

    public long cycles() {
        return cycles.get();
    }

    public long cycleFailures() {
        return cycleFailures.get();
    }

    public long loopFailures() {
        return loopFailures.get();
    }

    @Override
    public synchronized void close() {
        running = false;
        nextCycle.cancel();
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.warn("event=orchestrator_unsubscribe_failed error=\"{}\"", e.toString());
            }
        }
        subscriptions.clear();
    }

    /**
     * The end of the loop, before the stores close: {@link #close}, then waits up to {@code bound}
     * for the loop's queued work to drain (it starts nothing new: the engine is stopping) and for
     * the recovery steps in flight to have their ends journaled ({@link RecoveryEngine#shutdown}).
     * Returns whether all of it ended within the bound.
     */
    public boolean stop(Duration bound) {
        long deadline = System.nanoTime() + Math.max(0, bound.toNanos());
        close();
        boolean drained = true;
        if (ownLoop != null) {
            ownLoop.shutdown();
            try {
                drained = ownLoop.awaitTermination(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
        }
        boolean stepsEnded = engine.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (ownLoop != null) {
            ownLoop.shutdownNow();
        }
        return drained && stepsEnded;
    }

    /** Wires an orchestrator. */
    public static final class Builder {
        private final Scheduler scheduler;
        private final EventBus bus;
        private final IncidentManager incidents;
        private final RecoveryEngine engine;
        private HealthCheckManager health;
        private DegradationManager degradation;
        private Supplier<DegradationInputs> degradationInputs;
        private ProblemMapping mapping = ProblemMapping.defaults();
        private Duration interval = DEFAULT_INTERVAL;
        private Executor loop;
        private java.util.concurrent.ExecutorService ownLoop;
        private FailurePatternAnalyzer patterns;
        private Duration cascadeWindow = Duration.ofMinutes(2);
        private Duration cascadeHold = Duration.ZERO;

        private Builder(Scheduler scheduler, EventBus bus, IncidentManager incidents, RecoveryEngine engine) {
            this.scheduler = scheduler;
            this.bus = bus;
            this.incidents = incidents;
            this.engine = engine;
        }

        public Builder health(HealthCheckManager value) {
            this.health = value;
            return this;
        }

        /**
         * Re-assesses degradation every cycle from {@code inputs}; without inputs, from the health
         * report alone (no performance violations, CPU and memory unknown).
         */
        public Builder degradation(DegradationManager value, Supplier<DegradationInputs> inputs) {
            this.degradation = value;
            this.degradationInputs = inputs;
            return this;
        }

        public Builder mapping(ProblemMapping value) {
            this.mapping = value;
            return this;
        }

        public Builder interval(Duration value) {
            this.interval = DurationChecks.positive(value, "healing interval");
            return this;
        }

        /**
         * Records every problem as a failure for pattern analysis, and groups each cascade into
         * one incident on its root: a failure related in the causal graph to an incident whose
         * last signal is within {@code window} joins it, and a new incident on a component with a
         * known cause waits {@code hold} before it is worked, so that a root detected a little
         * after its symptoms can take the incident over.
         */
        public Builder patterns(FailurePatternAnalyzer value, Duration window, Duration hold) {
            this.patterns = value;
            this.cascadeWindow = DurationChecks.positive(window, "cascade window");
            this.cascadeHold = DurationChecks.notNegative(hold, "cascade hold");
            return this;
        }

        /** Where reactions run: one thread in order (default), or {@code Runnable::run} in tests. */
        public Builder loop(Executor value) {
            this.loop = value;
            return this;
        }

        public SelfHealingOrchestrator build() {
            if (loop == null) {
                ownLoop = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "selfheal-healing-loop");
                    t.setDaemon(true);
                    return t;
                });
                loop = ownLoop;
            }
            if (degradation != null && degradationInputs == null) {
                HealthCheckManager h = health;
                degradationInputs = () -> h == null ? DegradationInputs.HEALTHY
                        : DegradationInputs.from(h.report(), 0, Double.NaN, Double.NaN);
            }
            return new SelfHealingOrchestrator(this);
        }
    }
}
