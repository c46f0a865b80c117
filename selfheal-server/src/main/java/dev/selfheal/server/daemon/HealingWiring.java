package dev.selfheal.server.daemon;

import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.ProblemReporter;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.WriteBehindIncidentStore;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.learning.IncidentSurroundings;
import dev.selfheal.learning.LearningSystem;
import dev.selfheal.metrics.PerformanceMonitor;
import dev.selfheal.metrics.Violation;
import dev.selfheal.orchestrator.ProblemMapping;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import dev.selfheal.recovery.HealthVerifier;
import dev.selfheal.recovery.RateLimit;
import dev.selfheal.recovery.RecoveryEngine;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryPolicy;
import dev.selfheal.recovery.StandingConditions;
import dev.selfheal.server.api.HealingContext;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.HealingConfig;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.metrics.HealingMetrics;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcEffectivenessStore;
import dev.selfheal.store.jdbc.JdbcIncidentStore;
import dev.selfheal.store.jdbc.JdbcRecoveryJournal;
import dev.selfheal.store.jdbc.JdbcRecoveryRecordStore;
import dev.selfheal.time.Scheduler;
import dev.selfheal.orchestrator.LeaderTakeover;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The healing loop inside the daemon, built from {@code healing:} and {@code services:}: the
 * supervised services and their process checks, incidents, the recovery catalog and engine
 * (journal, learning and incidents on the configured database), degradation and the
 * orchestrator. The daemon calls it in a few lines:
 *
 * <ol>
 *   <li>{@link #create} after the checks are registered: starts the services and registers their checks;</li>
 *   <li>{@link #bindMetrics} and {@link #context} for the metrics and the API;</li>
 *   <li>{@link #start} before the checks start: recovers the journal (a step found RUNNING becomes
 *       INTERRUPTED), then reacts to events at once and runs the cycle;</li>
 *   <li>{@link #close} after the checks stopped: stops the loop, then the services.</li>
 * </ol>
 */
public final class HealingWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealingWiring.class);

    private final SupervisedServices services;
    private final WriteBehindIncidentStore incidentStore;
    private final IncidentManager incidents;
    private final RecoveryJournal journal;
    private final RecoveryEngine engine;
    private final DegradationManager degradation;
    private final DegradationInputsSource inputs;
    private final SelfHealingOrchestrator orchestrator;
    /** What a node of a cluster does, once elected, with the incidents the previous leader left half-way. */
    private final LeaderTakeover takeover;
    private final java.time.Duration interval;
    private final Optional<ClusterWiring> cluster;
    private final Optional<PatternWiring> patterns;
    private final HealthCheckManager health;
    private final EventBus bus;
    private HealingMetrics metrics;
    private final Database database;
    /** The adaptive limits in force, once {@link #learnedLimits} made them. */
    private volatile dev.selfheal.learning.AdaptiveLimits adaptive;

    private final PerformanceLimits standing = new PerformanceLimits();

    private HealingWiring(Config config, Database database, HealthCheckManager health, EventBus bus, Scheduler scheduler,
                          SupervisedServices services) {
        HealingConfig h = config.healing();
        this.database = database;
        this.services = services;
        services.registerChecks(config.services(), health);
        this.cluster = ClusterWiring.create(config.cluster(), database, scheduler);
        this.health = health;
        this.bus = bus;
        cluster.ifPresent(c -> health.placement(c::runsCheck));
        // Incidents are written behind the loop: a full disk must not stop an incident from opening.
        // A node of a cluster writes them through the fenced store instead, at once: a write refused
        // for a stale token must be known refused now, not retried later under a newer token.
        this.incidentStore = new WriteBehindIncidentStore(new JdbcIncidentStore(database));
        this.incidents = new IncidentManager(cluster.map(ClusterWiring::incidentStore).orElse(incidentStore),
                bus, scheduler.clock(), h.mergeWindow());
        this.journal = cluster.map(ClusterWiring::journal).orElseGet(() -> new JdbcRecoveryJournal(database));
        this.degradation = new DegradationManager(scheduler, bus, new DegradationSettings(h.degradation().holdDown()));
        h.degradation().pin().ifPresent(level -> degradation.pin(DegradationLevel.of(level), "healing.degradation.pin in the config"));
        this.inputs = new DegradationInputsSource(health, h.degradation().hostResources());
        RecoveryPolicy policy = RecoveryPolicy.defaults()
                .withDryRun(h.dryRun())
                .withAllowHighRisk(h.allowHighRisk())
                .withVerification(h.verificationWindow(), h.verificationPoll())
                .withLimits(new RateLimit(h.limits().perComponent(), h.limits().window()),
                        new RateLimit(h.limits().global(), h.limits().window()))
                .withRetryInterruptedIdempotent(h.retryInterrupted());
        this.engine = RecoveryEngine.builder(RecoveryCatalogs.build(h, services, degradation), incidents, journal, scheduler, bus)
                .learning(LearningSystem.builder(new JdbcEffectivenessStore(database))
                        .records(new JdbcRecoveryRecordStore(database))
                        .settings(h.learning().settings())
                        .surroundings(IncidentSurroundings.of(health, () -> degradation.level().number())).build())
                .verifier(new HealthVerifier(health, bus, scheduler, h.verificationPoll()).withStandingConditions(standing))
                .policy(policy)
                .fence(cluster.map(ClusterWiring::fence).orElseGet(dev.selfheal.cluster.LeaseFence::singleNode))
                // platform threads: a step (a restart) is time-sliced by the kernel, never queued for a
                // virtual-thread carrier behind whatever CPU-bound work holds it
                .executor(java.util.concurrent.Executors.newCachedThreadPool(Thread.ofPlatform().name("selfheal-step-", 0).daemon(true).factory()))
                .build();
        this.patterns = h.patterns().enabled() ? Optional.of(new PatternWiring(config, database, scheduler)) : Optional.empty();
        SelfHealingOrchestrator.Builder loop = SelfHealingOrchestrator.builder(scheduler, bus, incidents, engine)
                .health(health)
                .degradation(degradation, inputs)
                .mapping(mapping(h))
                .interval(h.interval());
        patterns.ifPresent(p -> loop.patterns(p.analyzer(), h.patterns().cascadeWindow(), h.patterns().hold()));
        this.orchestrator = loop.build();
        this.interval = h.interval();
        this.takeover = new LeaderTakeover(incidents, journal, health::component, scheduler, policy.verificationWindow(),
                orchestrator::cycle);
    }

    /**
     * Starts the configured services and builds the loop (not started). Throws
     * {@link dev.selfheal.server.config.ConfigException} when a service cannot start; nothing is left running.
     */
    public static HealingWiring create(Config config, Database database, HealthCheckManager health, EventBus bus, Scheduler scheduler) {
        SupervisedServices services = SupervisedServices.start(config.services());
        try {
            return new HealingWiring(config, database, health, bus, scheduler, services);
        } catch (RuntimeException | Error e) {
            services.close();
            throw e;
        }
    }

    /** Whether the incident store's latest write failed: what the {@link StoreWatch} reports. */
    public boolean incidentStoreFailing() {
        return incidentStore.isFailing();
    }

    /** Incident versions kept in memory that the store has not taken yet. */
    public int incidentsPendingWrite() {
        return incidentStore.pendingCount();
    }

    private static ProblemMapping mapping(HealingConfig h) {
        ProblemMapping mapping = ProblemMapping.defaults()
                .withComponent(StoreWatch.COMPONENT, ProblemType.of(StoreWatch.PROBLEM_TYPE));
        for (var e : h.problemGroups().entrySet()) {
            mapping = mapping.withGroup(e.getKey(), ProblemType.of(e.getValue()));
        }
        for (var e : h.problemComponents().entrySet()) {
            mapping = mapping.withComponent(e.getKey(), ProblemType.of(e.getValue()));
        }
        return mapping;
    }

    public void bindMetrics(MeterRegistry registry, EventBus bus) {
        metrics = new HealingMetrics(registry, bus, incidents, degradation);
        io.micrometer.core.instrument.Gauge.builder("selfheal_incident_store_pending", incidentStore, WriteBehindIncidentStore::pendingCount)
                .description("Incidents whose latest change is not stored yet (the store is slow or failing)").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("selfheal_incident_store_write_failures", incidentStore,
                WriteBehindIncidentStore::failureCount).description("Incident writes the store refused (each retried)").register(registry);
    }

    /** What the healing endpoints of the API work on. */
    public HealingContext context(SecretMasker masker) {
        return new HealingContext(incidents, engine, journal, degradation, inputs::last, masker,
                () -> adaptive == null ? List.of() : adaptive.limits());
    }

    /** Recovers the journal and starts reacting; call before the checks start, so no transition is missed. */
    public void start() {
        start("");
    }

    /**
     * As {@link #start()}; in a cluster the loop runs only while this node leads, and
     * {@code address} is where its API answers (shown to the other nodes).
     */
    public void start(String address) {
        if (cluster.isPresent()) {
            cluster.get().start(address, ClusterWiring.listener(token -> {
                incidents.reload();
                takeover.takeOver(); // what the previous leader left half-way is started over, not escalated
                takeover.watchOrphans(interval, engine::isWorking); // and what a failed store write left half-way here
                orchestrator.start();
                orchestrator.cycle(); // what the followers saw go down while nobody led is reported now, not a cycle later
            }, (token, reason) -> {
                takeover.cancel();
                orchestrator.close();
                engine.abandonAll(reason);
            }), health, bus);
        } else {
            orchestrator.start();
        }
        log.info("event=healing_started services={} actions={} dry_run={}", services.processes().size(),
                engine.catalog().names(), engine.policy().dryRun());
    }

    /** Where detectors outside the health checks (breakers, anomalies, alerts) report problems: the orchestrator. */
    /** The degradation score counts the performance violations {@code violations} reports from now on. */
    public void countPerformanceViolations(java.util.function.IntSupplier violations) {
        inputs.countViolations(violations);
    }

    /**
     * Verification also waits until the performance monitor sees the component within its
     * limits (the monitor is built after the healing loop, hence the late binding).
     */
    public void verifyPerformanceWith(PerformanceMonitor monitor) {
        standing.monitor = monitor;
    }

    /** The performance limits a component is over, as standing conditions; none until a monitor is bound. */
    private static final class PerformanceLimits implements StandingConditions {
        private volatile PerformanceMonitor monitor;
        private volatile StandingConditions predictions = StandingConditions.NONE;

        @Override
        public Optional<String> standing(String component) {
            PerformanceMonitor m = monitor;
            Optional<String> limit = m == null ? Optional.empty() : m.standingViolation(component).map(Violation::evidence);
            return limit.isPresent() ? limit : predictions.standing(component);
        }

        @Override
        public boolean measures(String component) {
            PerformanceMonitor m = monitor;
            return m != null && m.measures(component) || predictions.measures(component);
        }
    }

    /** Verification also waits until the exhaustion predictor no longer forecasts the component to run out. */
    public void verifyPredictionsWith(StandingConditions predictor) {
        standing.predictions = predictor;
    }

    public ProblemReporter problems() {
        if (cluster.isEmpty()) {
            return orchestrator;
        }
        ClusterWiring c = cluster.get();
        return problem -> {
            if (c.isLeader()) { // a follower sees the problem too, and leaves it to the leader
                orchestrator.report(problem);
            }
        };
    }

    /**
     * Where the lane of external alerts hands its problems: merged at once on the lane's own
     * thread, never queued on the healing loop (see {@link SelfHealingOrchestrator#accept}).
     */
    public ProblemReporter externalProblems() {
        if (cluster.isEmpty()) {
            return orchestrator::accept;
        }
        ClusterWiring c = cluster.get();
        return problem -> {
            if (c.isLeader()) {
                orchestrator.accept(problem);
            }
        };
    }

    /** Where notifications are recorded before they are sent, when this node is one of a cluster. */
    public Optional<dev.selfheal.alerting.NotificationLog> notificationLog() {
        return cluster.map(ClusterWiring::notificationLog);
    }

    /** This node's election, when it is one of a cluster and has started. */
    public Optional<dev.selfheal.cluster.LeaderElection> election() {
        return cluster.flatMap(ClusterWiring::election);
    }

    public IncidentManager incidents() {
        return incidents;
    }

    /** Failure pattern analysis, unless {@code healing.patterns.enabled} is false. */
    public Optional<PatternWiring> patterns() {
        return patterns;
    }

    public RecoveryEngine engine() {
        return engine;
    }

    /**
     * The limits learned from normal behaviour ({@code healing.learning.adaptive-limits}): a
     * component teaches nothing while it has an unresolved incident or the system is degraded.
     * They are kept in the store ({@code learned_limits}) and hold again after a restart.
     */
    public dev.selfheal.metrics.LearnedLimits learnedLimits(dev.selfheal.learning.AdaptiveLimitSettings settings) {
        if (settings.metrics().isEmpty()) {
            return dev.selfheal.metrics.LearnedLimits.NONE;
        }
        dev.selfheal.learning.AdaptiveLimits limits = new dev.selfheal.learning.AdaptiveLimits(settings,
                component -> incidents.unresolvedFor(component).isPresent() || degradation.level().number() > 0,
                new dev.selfheal.store.jdbc.JdbcLearnedLimitStore(database), LIMIT_WRITER);
        adaptive = limits;
        return limits;
    }

    public DegradationManager degradation() {
        return degradation;
    }

    /** Writes learned limits off the monitor's thread, one at a time, in order. */
    private static final java.util.concurrent.Executor LIMIT_WRITER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "selfheal-limit-writer");
        t.setDaemon(true);
        return t;
    });

    /** How long {@link #close()} waits for the recovery steps in flight to end. */
    public static final java.time.Duration STEP_GRACE = java.time.Duration.ofSeconds(5);

    @Override
    public void close() {
        close(STEP_GRACE);
    }

    /**
     * Stops the loop and waits up to {@code stepGrace} for the recovery steps in flight to have
     * their ends journaled (one still running after that is logged as interrupted by the shutdown,
     * and the next start marks it INTERRUPTED), then stops the supervised services (SIGTERM,
     * grace, SIGKILL), then writes the incidents still pending. Call it before the database closes.
     */
    public void close(java.time.Duration stepGrace) {
        cluster.ifPresent(ClusterWiring::close);
        try {
            orchestrator.stop(stepGrace);
        } catch (RuntimeException e) {
            log.warn("event=healing_close_failed what=SelfHealingOrchestrator error=\"{}\"", e.toString());
        }
        List<AutoCloseable> parts = new java.util.ArrayList<>(List.of(services, incidentStore));
        patterns.ifPresent(p -> parts.add(0, p)); // after the loop stopped recording, while the database is open
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("event=healing_close_failed what={} error=\"{}\"", part.getClass().getSimpleName(), e.toString());
            }
        }
        if (metrics != null) {
            try {
                metrics.close();
            } catch (Exception e) {
                log.warn("event=healing_metrics_close_failed error=\"{}\"", e.toString());
            }
        }
    }
}
