package dev.selfheal.server.daemon;

import dev.selfheal.alerting.WriteBehindAlertStore;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.health.history.HistoryRecorder;
import dev.selfheal.health.history.RetentionTask;
import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.process.ChildProcesses;
import dev.selfheal.process.ChildLedgerDirectory;
import dev.selfheal.redaction.Redaction;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.server.api.AnomalyRoutes;
import dev.selfheal.server.api.ClusterRoutes;
import dev.selfheal.server.api.ApiContext;
import dev.selfheal.server.api.ApiServer;
import dev.selfheal.server.api.Readiness;
import dev.selfheal.server.config.Config;
import dev.selfheal.server.config.ConfigException;
import dev.selfheal.server.config.SecretMasker;
import dev.selfheal.server.console.EventStream;
import dev.selfheal.server.logging.MaskingMessageConverter;
import dev.selfheal.server.metrics.SelfHealMetrics;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.JdbcAlertStore;
import dev.selfheal.time.SystemScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The selfheal daemon: the health engine, its history and the HTTP API, built from a
 * {@link Config} and torn down in the reverse order.
 *
 * <p>Start: build every check (a check that cannot be built stops the start, with its place in
 * the config file), open the store, restore each component's status from its last stored
 * transition (a restart does not forget that something was down), start the API (not ready
 * yet), schedule the checks, then report ready.
 *
 * <p>{@link #stop()} is what SIGTERM runs (through the shutdown hook the CLI installs): not
 * ready, stop the checks and the retention task, stop the healing loop and wait (bounded,
 * {@link HealingWiring#STEP_GRACE}) for the recovery steps in flight to have their ends journaled,
 * close the guards (no outbox replay starts
 * after that, a running one is awaited, bounded), write all queued history, stop HTTP, close
 * the database. It is
 * idempotent and safe to call from any thread.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    private static final int HISTORY_QUEUE = 50_000;
    private static final Duration HISTORY_FLUSH_TIMEOUT = Duration.ofSeconds(20);
    /** How long a check's or an action's command still running at stop gets after SIGTERM. */
    private static final Duration CHILD_GRACE = Duration.ofSeconds(2);

    private final Config config;
    private final SystemScheduler scheduler;
    private final ExecutorService executor;
    private final HistoryStores.OpenStore store;
    private final HistoryRecorder recorder;
    private final RetentionTask retention;
    private final StoreWatch storeWatch;
    private final EventBus bus;
    private final HealthCheckManager manager;
    private final SelfHealMetrics metrics;
    private final ApiServer api;
    private final EventStream events;
    private final HealingWiring healing;
    private final GuardWiring guards;
    private final AlertingService alerting;
    private final PerformanceWiring performance;
    private final AtomicReference<Readiness> readiness;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Optional<ChildLedgerDirectory> childLedger;

    private Daemon(Config config, CheckBuilder checks) {
        this.config = config;
        SecretMasker masker = SecretMasker.of(config);
        MaskingMessageConverter.install(masker);
        FreeSpace.require(config.store());
        List<CheckDefinition> definitions = CheckDefinitions.build(config, checks);
        // Before any child starts: what a daemon killed with SIGKILL left running is ended first.
        this.childLedger = ChildLedgers.open(config.store(), config.cluster().nodeId(), CHILD_GRACE);
        childLedger.ifPresent(ChildProcesses::recordIn);
        this.readiness = new AtomicReference<>(Readiness.STARTING);
        this.scheduler = new SystemScheduler();
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("selfheal-check-", 0).factory());
        this.bus = new EventBus();
        HistoryStores.OpenStore openStore = null;
        HistoryRecorder openRecorder = null;
        HealthCheckManager openManager = null;
        SelfHealMetrics openMetrics = null;
        HealingWiring openHealing = null;
        GuardWiring openGuards = null;
        AlertingService openAlerting = null;
        PerformanceWiring openPerformance = null;
        try {
            openStore = HistoryStores.open(config.store());
            openRecorder = new HistoryRecorder(openStore.store(), bus, HISTORY_QUEUE);
            HealthSettings settings = HealthSettings.defaults()
                    .withMaxConcurrentChecks(config.health().maxConcurrentChecks())
                    .withJitter(config.health().jitter(), System.nanoTime())
                    .withGroups(config.health().groups());
            openManager = new HealthCheckManager(scheduler, executor, bus, settings);
            for (CheckDefinition definition : definitions) {
                openManager.register(definition);
            }
            restore(openManager, openStore);
            openHealing = HealingWiring.create(config, openStore.database(), openManager, bus, scheduler);
            openGuards = GuardWiring.create(config, openStore.database(), openManager, openHealing, bus, scheduler);
            openAlerting = AlertingService.start(config.alerting(), scheduler, executor, bus,
                    new WriteBehindAlertStore(new JdbcAlertStore(openStore.database())),
                    openHealing.incidents(), openHealing.externalProblems(), Optional.of(openHealing.degradation()),
                    Optional.of(AlertingService.emergencyRecovery(openHealing.engine())), masker, openHealing.notificationLog(),
                    openHealing.patterns().map(PatternWiring::analyzer));
            openPerformance = PerformanceWiring.create(config.performance(), openHealing.problems(), openGuards.registry(), scheduler,
                            openHealing.learnedLimits(config.healing().learning().adaptiveLimits()))
                    .orElse(null);
            if (openPerformance != null) {
                openHealing.countPerformanceViolations(openPerformance.monitor()::violationCount);
                openHealing.verifyPerformanceWith(openPerformance.monitor());
                HealingWiring predictedHealing = openHealing;
                openPerformance.predictor().ifPresent(p -> predictedHealing.verifyPredictionsWith(p.releaseOnRecovery(bus)));
            }
            HistoryRecorder recorderRef = openRecorder;
            openMetrics = new SelfHealMetrics(openManager, bus, recorderRef::droppedCount);
            this.store = openStore;
            this.recorder = openRecorder;
            this.manager = openManager;
            this.metrics = openMetrics;
            this.healing = openHealing;
            this.guards = openGuards;
            this.alerting = openAlerting;
            this.performance = openPerformance;
            openHealing.bindMetrics(openMetrics.registry(), bus);
            openGuards.bindMetrics(openMetrics.registry());
            openAlerting.bindMetrics(openMetrics.registry());
            var healingRoutes = openHealing.context(masker);
            HealingWiring healingRef = openHealing;
            HealthCheckManager healthRef = openManager;
            GuardWiring guardRoutes = openGuards;
            this.events = new EventStream(bus, masker);
            AlertingService alertRoutes = openAlerting;
            AnomalyRoutes anomalyRoutes = new AnomalyRoutes(Optional.ofNullable(openPerformance).flatMap(PerformanceWiring::scores),
                    config.performance());
            var patternRoutes = new dev.selfheal.server.api.PatternRoutes(
                    openHealing.patterns().map(PatternWiring::analyzer), openHealing.patterns().map(PatternWiring::store),
                    openHealing.incidents());
            var predictionRoutes = new dev.selfheal.server.api.PredictionRoutes(
                    Optional.ofNullable(openPerformance).flatMap(PerformanceWiring::predictor));
            this.api = ApiServer.start(config.server(),
                    new ApiContext(openManager, openStore.store(), openMetrics, config, masker, readiness::get),
                    app -> {
                        healingRoutes.register(app);
                        guardRoutes.registerRoutes(app, alertRoutes.guards());
                        events.register(app);
                        alertRoutes.register(app);
                        anomalyRoutes.register(app);
                        new ClusterRoutes(healingRef::election,
                                () -> checkNames(healthRef)).register(app);
                        predictionRoutes.register(app);
                        patternRoutes.register(app);
                    });
        } catch (RuntimeException | Error e) {
            childLedger.ifPresent(ChildProcesses::stopRecordingIn);
            childLedger.ifPresent(ChildLedgerDirectory::abandon); // the next daemon ends what is left
            closeQuietly(openAlerting);
            closeQuietly(openPerformance);
            closeQuietly(openGuards);
            closeQuietly(openHealing);
            closeQuietly(openMetrics);
            if (openManager == null) {
                CheckDefinitions.close(definitions);
            }
            closeQuietly(openManager);
            closeQuietly(openRecorder);
            closeQuietly(openStore);
            executor.shutdownNow();
            scheduler.close();
            throw e;
        }
        retention = new RetentionTask(store.store(), scheduler, Duration.ofDays(config.store().retentionDays())).start();
        healing.start(baseUri().getAuthority());
        storeWatch = new StoreWatch(scheduler, recorder, healing).start();
        if (performance != null) {
            performance.start();
        }
        manager.start();
        readiness.set(Readiness.READY);
        log.info("event=started port={} bind={} checks={} store={}", api.port(), config.server().bind(),
                definitions.size(), Redaction.url(config.store().url()));
    }

    /** Starts a daemon; throws {@link ConfigException} when a check cannot be built, and nothing is left running. */
    public static Daemon start(Config config, CheckBuilder checks) {
        return new Daemon(config, checks);
    }

    /** The port the API listens on. */
    public int port() {
        return api.port();
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public URI baseUri() {
        String host = config.server().bind().equals("0.0.0.0") ? "127.0.0.1" : config.server().bind();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Every HTTP endpoint the daemon serves (what the access tests walk). */
    public List<ApiServer.Route> routes() {
        return api.routes();
    }

    public Readiness readiness() {
        return readiness.get();
    }

    public HealthCheckManager manager() {
        return manager;
    }

    /** The daemon's event bus: what later capabilities (and tests) subscribe to. */
    public EventBus events() {
        return bus;
    }

    /** The alerting pipeline, escalation and their routes. */
    public AlertingService alerting() {
        return alerting;
    }

    /** The healing loop: incidents, the recovery engine, degradation. */
    public HealingWiring healing() {
        return healing;
    }

    /** The guards around the integrations ({@code integrations:}): call them through {@code guards().guard("github")}. */
    public GuardRegistry guards() {
        return guards.registry();
    }

    /** The guards' wiring: client rebuild hooks for {@code restart_integration} ({@link GuardWiring#onRestart}). */
    public GuardWiring guardWiring() {
        return guards;
    }

    /** The performance monitor ({@code performance:}), when it runs. */
    public java.util.Optional<dev.selfheal.metrics.PerformanceMonitor> performance() {
        return java.util.Optional.ofNullable(performance).map(PerformanceWiring::monitor);
    }

    /** Results and transitions written to the store so far. */
    public long historyWritten() {
        return recorder.writtenCount();
    }

    /**
     * Stops everything in order and returns when the history is written; what SIGTERM runs.
     * Safe to call more than once and from any thread.
     */
    public void stop() {
        if (readiness.getAndSet(Readiness.STOPPING) == Readiness.STOPPING) {
            awaitStopped();
            return;
        }
        log.info("event=stopping");
        try {
            closeQuietly(manager);
            closeQuietly(alerting);
            closeQuietly(performance);
            closeQuietly(healing);
            closeQuietly(guards);
            ChildProcesses.endAll(CHILD_GRACE); // a check's or an action's command still running
            childLedger.ifPresent(ChildProcesses::stopRecordingIn);
            childLedger.ifPresent(ChildLedgerDirectory::close);
            closeQuietly(retention);
            closeQuietly(storeWatch);
            recorder.close(HISTORY_FLUSH_TIMEOUT);
            closeQuietly(events);
            closeQuietly(api);
            closeQuietly(metrics);
            closeQuietly(store);
            executor.shutdownNow();
            scheduler.close();
            log.info("event=stopped history_written={} history_dropped={}", recorder.writtenCount(), recorder.droppedCount());
        } finally {
            stopped.countDown();
        }
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static List<String> checkNames(HealthCheckManager manager) {
        return manager.definitions().stream().map(CheckDefinition::name).toList();
    }

    private static void restore(HealthCheckManager manager, HistoryStores.OpenStore store) {
        Map<String, StatusTransition> latest = store.store().latestTransitions();
        int restored = 0;
        for (CheckDefinition definition : manager.definitions()) {
            StatusTransition last = latest.get(definition.name());
            if (last != null) {
                manager.restore(definition.name(), last.to(), last.at());
                restored++;
            }
        }
        log.info("event=status_restored components={} from_history={}", manager.size(), restored);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("event=close_failed what={} error=\"{}\"", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
