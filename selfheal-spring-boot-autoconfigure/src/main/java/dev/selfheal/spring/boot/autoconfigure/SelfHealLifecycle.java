package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.orchestrator.SelfHealingOrchestrator;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the loop once the application's beans are ready, off the application's start-up thread,
 * and stops it before they go. The start opens (and migrates) the store, then builds the beans
 * that need it (incidents, journal, learning, engine, orchestrator: declared lazy, so the
 * application's context never waits for them), registers every {@link CheckSource}'s checks,
 * starts the orchestrator (which first recovers the journal) before the checks, so no transition
 * is missed, then the performance watch. The first check runs only once the store is open.
 * Stopping waits for a start under way, then for the recovery steps under way, so none writes to
 * a store that is closing.
 */
final class SelfHealLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SelfHealLifecycle.class);

    private static final long FIRST_RETRY_MS = 5_000;
    private static final long LAST_RETRY_MS = 60_000;

    /** Where the loop is: the health contributor and the endpoint say it. */
    enum State { STOPPED, STARTING, RUNNING, FAILED }

    private final ObjectProvider<StoreOpener> store;
    private final ObjectProvider<HealthCheckManager> health;
    private final ObjectProvider<SelfHealingOrchestrator> orchestrator;
    private final ObjectProvider<CheckSource> sources;
    private final ObjectProvider<PerformanceWatch> performance;
    private final RecoverySteps steps;
    private volatile State state = State.STOPPED;
    private volatile String failure;
    private volatile boolean stopping;
    private CompletableFuture<Void> starting = CompletableFuture.completedFuture(null);
    private volatile CompletableFuture<Void> running = new CompletableFuture<>();

    SelfHealLifecycle(ObjectProvider<StoreOpener> store, ObjectProvider<HealthCheckManager> health,
                      ObjectProvider<SelfHealingOrchestrator> orchestrator, ObjectProvider<CheckSource> sources,
                      ObjectProvider<PerformanceWatch> performance, RecoverySteps steps) {
        this.store = store;
        this.health = health;
        this.orchestrator = orchestrator;
        this.sources = sources;
        this.performance = performance;
        this.steps = steps;
    }

    @Override
    public synchronized void start() {
        if (state != State.STOPPED) {
            return;
        }
        state = State.STARTING;
        stopping = false;
        failure = null;
        long requested = System.nanoTime();
        CompletableFuture<Void> done = new CompletableFuture<>();
        starting = done;
        Thread thread = new Thread(() -> {
            try {
                startUntilRunning(requested);
            } finally {
                done.complete(null);
            }
        }, "selfheal-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts the loop, and when that fails (the store's database is down while the application
     * starts, say) tries again after 5 s, doubling up to a minute, until it runs or is stopped:
     * the application keeps serving meanwhile, and the {@code selfheal} contributor says why.
     */
    private void startUntilRunning(long requested) {
        long backoffMs = FIRST_RETRY_MS;
        while (true) {
            try {
                startLoop(requested);
                return;
            } catch (RuntimeException | Error e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                CompletableFuture<Void> failed;
                synchronized (this) {
                    failure = reason;
                    state = State.FAILED;
                    failed = running;
                    running = new CompletableFuture<>();
                }
                failed.completeExceptionally(e);
                if (backoffMs == FIRST_RETRY_MS) {
                    log.error("event=selfheal_start_failed retry_in_ms={} error=\"{}\"", backoffMs, reason, e);
                } else {
                    log.warn("event=selfheal_start_failed retry_in_ms={} error=\"{}\"", backoffMs, reason);
                }
                synchronized (this) {
                    try {
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMs);
                        for (long left = backoffMs; !stopping && left > 0;
                             left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) {
                            wait(left);
                        }
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (stopping) {
                        return;
                    }
                }
                backoffMs = Math.min(backoffMs * 2, LAST_RETRY_MS);
            }
        }
    }

    private void startLoop(long requested) {
        store.ifAvailable(StoreOpener::database); // the slow part, outside Spring's singleton lock
        HealthCheckManager checks = health.getObject();
        SelfHealingOrchestrator loop = orchestrator.getObject();
        synchronized (this) {
            if (stopping) {
                return;
            }
            sources.orderedStream().forEach(source -> {
                for (CheckDefinition check : source.checks()) {
                    if (checks.definition(check.name()).isEmpty()) {
                        checks.register(check);
                    }
                }
            });
            loop.start();
            checks.start();
            performance.ifAvailable(PerformanceWatch::start);
            state = State.RUNNING;
            failure = null;
        }
        running.complete(null);
        log.info("event=selfheal_started checks={} start_ms={} jvm_uptime_ms={}", checks.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requested), ManagementFactory.getRuntimeMXBean().getUptime());
    }

    @Override
    public void stop() {
        CompletableFuture<Void> pending;
        synchronized (this) {
            stopping = true;
            pending = starting;
            notifyAll();
        }
        pending.join();
        synchronized (this) {
            if (state == State.RUNNING) {
                performance.ifAvailable(PerformanceWatch::stop);
                orchestrator.getObject().close();
                health.getObject().close();
                steps.close();
            }
            state = State.STOPPED;
            running.cancel(false);
            running = new CompletableFuture<>();
        }
    }

    /** True from {@link #start()} until {@link #stop()}, so Spring stops a loop that is still starting. */
    @Override
    public boolean isRunning() {
        return state != State.STOPPED;
    }

    State state() {
        return state;
    }

    /** Completes when the loop runs; at once when it already does. Fails when its start fails. */
    CompletableFuture<Void> whenRunning() {
        return running;
    }

    /**
     * Waits for the loop to run (the first seconds after the application started, while the
     * store opens), for callers that need its incidents.
     *
     * @throws IllegalStateException when the loop's start failed (it is being tried again) or it was stopped
     */
    void awaitRunning() {
        if (state == State.FAILED) {
            throw new IllegalStateException("selfheal's loop is not running" + failure().map(f -> ": " + f).orElse(""));
        }
        try {
            running.join();
        } catch (java.util.concurrent.CancellationException | java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("selfheal's loop is not running" + failure().map(f -> ": " + f).orElse(""), e);
        }
    }

    /** Why the last start failed, while the loop is not running. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** After the web server has started (it starts at DEFAULT_PHASE - 2048), and stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
