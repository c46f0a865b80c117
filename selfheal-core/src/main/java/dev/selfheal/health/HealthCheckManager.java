package dev.selfheal.health;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import dev.selfheal.time.HumanDuration;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registered health checks on their schedules, damps their results into component
 * statuses, aggregates groups and publishes what changed.
 *
 * <h2>How a run goes</h2>
 * The scheduler's timer only dispatches: when a check falls due its body is handed to the
 * executor (virtual threads in production), and its deadline is queued ({@link RunDeadlines}
 * arms one timer task per timeout length, not one per run). Whichever
 * comes first, the body's result or the timeout, completes the run; a timed-out body is
 * interrupted. Because the timer never blocks, one slow check never delays another.
 *
 * <p>A check whose body is still running when it is due again is not started twice. If that
 * body has outlived its timeout (a hung check that ignores interruption), each due time
 * records a failure instead, so a hung probe still drives its component to UNHEALTHY.
 *
 * <p>Runs are fixed-rate with jitter: the next due time is the previous due time plus the
 * interval, moved by a little randomness. If the timer falls so far behind that runs were
 * missed (a suspended VM, a starved machine), the schedule skips ahead and says so in the log
 * instead of firing a burst of catch-up runs.
 */
public final class HealthCheckManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthCheckManager.class);
    /** Granularity of dispatch; start lag is still measured from the exact due time. */
    static final long DISPATCH_TICK_NANOS = Math.max(1, Long.getLong("selfheal.health.dispatchTickMillis", 5) * 1_000_000);

    private final Scheduler scheduler;
    private final Executor executor;
    private final EventBus bus;
    private final HealthSettings settings;
    private final Semaphore permits;
    private final RunDeadlines deadlines;
    private final SplittableRandom random;
    private final Map<String, ScheduledCheck> checks = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile Predicate<String> runsHere = name -> true;

    private final AtomicLong runsStarted = new AtomicLong();
    private final AtomicLong runsCompleted = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong skippedAhead = new AtomicLong();

    public HealthCheckManager(Scheduler scheduler, Executor executor, EventBus bus, HealthSettings settings) {
        this.scheduler = scheduler;
        this.executor = executor;
        this.bus = bus;
        this.settings = settings;
        this.permits = new Semaphore(settings.maxConcurrentChecks());
        this.deadlines = new RunDeadlines(scheduler);
        this.random = new SplittableRandom(settings.randomSeed());
    }

    /** Registers a check; it starts running at once if the manager is started. */
    public void register(CheckDefinition definition) {
        ScheduledCheck check = new ScheduledCheck(definition, new StatusDamper(
                definition.failureThreshold(), definition.successThreshold(), scheduler.clock().instant()));
        if (checks.putIfAbsent(definition.name(), check) != null) {
            throw new IllegalArgumentException("a check named '%s' is already registered".formatted(definition.name()));
        }
        if (started) {
            scheduleFirst(check);
        }
    }

    /** Removes a check and stops its schedule; a run in progress finishes unobserved. */
    public boolean unregister(String name) {
        ScheduledCheck check = checks.remove(name);
        if (check == null) {
            return false;
        }
        synchronized (check) {
            check.removed = true;
            check.nextRun.cancel();
        }
        try {
            check.definition.check().close();
        } catch (RuntimeException e) {
            log.warn("event=check_close_failed check={} error=\"{}\"", name, e.toString());
        }
        return true;
    }

    /** Sets a component's status from history, before its first run (after a daemon restart). */
    public void restore(String name, HealthStatus status, Instant since) {
        ScheduledCheck check = require(name);
        synchronized (check) {
            check.damper.restore(status, since);
        }
    }

    /**
     * Which checks this process runs (default: all), asked at every due time. A check it does not
     * run keeps its schedule and skips its runs; its status follows another node's results ({@link #observe}).
     */
    public void placement(Predicate<String> runsHere) {
        this.runsHere = java.util.Objects.requireNonNull(runsHere, "runsHere");
    }

    /** Whether this process runs {@code name}'s check now. */
    public boolean runsHere(String name) { return runsHere.test(name); }

    /**
     * Applies another node's result for a check this process does not run now, damped and published
     * as a run here would be ({@link CheckCompleted#observed()}); ignored for a check run here.
     */
    public void observe(String name, HealthCheckResult result) {
        ScheduledCheck check = checks.get(name);
        if (check != null && !runsHere.test(name)) {
            process(check, result, true);
        }
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        checks.values().forEach(this::scheduleFirst);
    }

    /** Runs a check now, outside its schedule; joins the run in progress if there is one. */
    public CompletableFuture<HealthCheckResult> runNow(String name) {
        ScheduledCheck check = require(name);
        if (!check.bodyRunning.compareAndSet(false, true)) {
            CompletableFuture<HealthCheckResult> current = check.inFlight;
            return current != null ? current.copy() : CompletableFuture.failedFuture(
                    new IllegalStateException("check '%s' is starting".formatted(name)));
        }
        return dispatch(check, -1).copy();
    }

    public Optional<ComponentHealth> component(String name) {
        return Optional.ofNullable(checks.get(name)).map(ScheduledCheck::snapshot);
    }

    public Optional<CheckDefinition> definition(String name) {
        return Optional.ofNullable(checks.get(name)).map(c -> c.definition);
    }

    public List<CheckDefinition> definitions() {
        return checks.values().stream().map(c -> c.definition)
                .sorted(Comparator.comparing(CheckDefinition::name)).toList();
    }

    /** The groups, their members and the overall status, as of now. */
    public HealthReport report() {
        Map<String, List<ComponentHealth>> byGroup = new LinkedHashMap<>();
        settings.groups().keySet().forEach(g -> byGroup.put(g, new ArrayList<>()));
        checks.values().stream().map(ScheduledCheck::snapshot).sorted(Comparator.comparing(ComponentHealth::name))
                .forEach(c -> byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        List<GroupHealth> groups = byGroup.entrySet().stream()
                .map(e -> HealthAggregator.group(e.getKey(), settings.policyOf(e.getKey()), e.getValue()))
                .toList();
        return new HealthReport(HealthAggregator.overall(groups), groups, scheduler.clock().instant());
    }

    public int size() {
        return checks.size();
    }

    public Stats stats() {
        return new Stats(checks.size(), runsStarted.get(), runsCompleted.get(), timeouts.get(), overruns.get(),
                skippedAhead.get(), settings.maxConcurrentChecks() - permits.availablePermits());
    }

    /** Counters since start. */
    public record Stats(int checks, long runsStarted, long runsCompleted, long timeouts, long overruns,
                        long skippedAhead, int running) { }

    @Override
    public void close() {
        closed = true;
        for (String name : new ArrayList<>(checks.keySet())) {
            unregister(name);
        }
    }

    // ---- scheduling -------------------------------------------------------------------------

    private void scheduleFirst(ScheduledCheck check) {
        long interval = check.definition.interval().toNanos();
        long offset = settings.jitterRatio() == 0 ? 0 : nextLong(interval);
        synchronized (check) {
            check.nextDueNanos = scheduler.nanoTime() + offset;
            arm(check);
        }
    }

    /** Arms the timer for {@code check.nextDueNanos}. Caller holds the check's lock. */
    private void arm(ScheduledCheck check) {
        if (check.removed || closed) {
            return;
        }
        // Due times are rounded up to a tick so that runs falling due together start together: a
        // burst of starts keeps the virtual-thread carriers busy instead of waking one per run.
        long tick = DISPATCH_TICK_NANOS;
        long fire = Math.floorDiv(check.nextDueNanos + tick - 1, tick) * tick;
        long delay = fire - scheduler.nanoTime();
        check.nextRun = scheduler.schedule(Duration.ofNanos(Math.max(0, delay)), () -> onDue(check));
    }

    private void onDue(ScheduledCheck check) {
        long due;
        synchronized (check) {
            if (check.removed || closed) {
                return;
            }
            due = check.nextDueNanos;
            long interval = check.definition.interval().toNanos();
            long jitterSpan = (long) (interval * settings.jitterRatio());
            long next = due + interval + (jitterSpan == 0 ? 0 : nextLong(jitterSpan) - jitterSpan / 2);
            long now = scheduler.nanoTime();
            if (next <= now) {
                long missed = (now - next) / interval + 1;
                skippedAhead.addAndGet(missed);
                log.warn("event=check_schedule_behind check={} missed_runs={} behind_ms={}",
                        check.definition.name(), missed, (now - due) / 1_000_000);
                next += missed * interval;
            }
            check.nextDueNanos = next;
            arm(check);
        }
        if (!runsHere.test(check.definition.name())) {
            return; // another node runs it now
        }
        if (check.bodyRunning.compareAndSet(false, true)) {
            dispatch(check, due);
        } else {
            overruns.incrementAndGet();
            long runningFor = scheduler.nanoTime() - check.runStartedNanos;
            if (runningFor > check.definition.timeout().toNanos()) {
                // Hung past its timeout and deaf to interruption: keep reporting it as failing.
                record(check, HealthCheckResult.unhealthy("Health check failed: previous run still running after %s (hung)"
                        .formatted(HumanDuration.of(Duration.ofNanos(runningFor)))), Duration.ofNanos(runningFor));
            }
        }
    }

    /**
     * Starts a run; the caller has set {@code bodyRunning}. {@code dueNanos} is when a scheduled
     * run was due (-1 for a run on demand). Returns the run's future.
     */
    private CompletableFuture<HealthCheckResult> dispatch(ScheduledCheck check, long dueNanos) {
        CheckDefinition definition = check.definition;
        CompletableFuture<HealthCheckResult> run = new CompletableFuture<>();
        long start = scheduler.nanoTime();
        check.runStartedNanos = start;
        runsStarted.incrementAndGet();
        deadlines.add(definition.timeout(), start, run, () -> {
            if (run.complete(failed(check, "timed out after " + HumanDuration.of(definition.timeout()), start))) {
                timeouts.incrementAndGet();
                Thread runner = check.runner;
                if (runner != null) {
                    runner.interrupt();
                }
            }
        });
        // Callers get the result only after it has been applied to the component's status.
        CompletableFuture<HealthCheckResult> processed = run.thenApply(result -> {
            runsCompleted.incrementAndGet();
            process(check, result);
            return result;
        });
        check.inFlight = processed;
        try {
            executor.execute(() -> runBody(check, run, start, dueNanos));
        } catch (RuntimeException rejected) {
            check.bodyRunning.set(false);
            run.complete(failed(check, "could not start: " + rejected, start));
        }
        return processed;
    }

    private void runBody(ScheduledCheck check, CompletableFuture<HealthCheckResult> run, long start, long dueNanos) {
        check.runner = Thread.currentThread();
        boolean permitted = false;
        HealthCheckResult result = null;
        try {
            permits.acquire();
            permitted = true;
            if (run.isDone()) {
                return; // timed out while waiting for a permit
            }
            if (dueNanos >= 0) {
                // Start lag: from the time the run was due to the moment its body starts.
                settings.startLagListener().accept(Math.max(0, scheduler.nanoTime() - dueNanos));
            }
            HealthCheckResult found = check.definition.check().check();
            result = found == null
                    ? failed(check, "the check returned no result", start)
                    : found.stamped(Duration.ofNanos(scheduler.nanoTime() - start), scheduler.clock().instant());
        } catch (InterruptedException e) {
            result = failed(check, "interrupted", start);
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            result = failed(check, reason(t), start);
        } finally {
            if (permitted) {
                permits.release();
            }
            check.runner = null;
            Thread.interrupted(); // an interrupt aimed at this run must not leak into the next task
            check.bodyRunning.set(false);
        }
        // Completed only after the check is free again: whoever sees the result may run it at once.
        run.complete(result);
    }

    private HealthCheckResult failed(ScheduledCheck check, String reason, long start) {
        return HealthCheckResult.unhealthy("Health check failed: " + reason)
                .stamped(Duration.ofNanos(scheduler.nanoTime() - start), scheduler.clock().instant());
    }

    private void record(ScheduledCheck check, HealthCheckResult result, Duration latency) {
        process(check, result.stamped(latency, scheduler.clock().instant()));
    }

    private void process(ScheduledCheck check, HealthCheckResult result) { process(check, result, false); }

    private void process(ScheduledCheck check, HealthCheckResult result, boolean observed) {
        CheckDefinition definition = check.definition;
        synchronized (check.publishing) {
            Optional<StatusDamper.Transition> transition;
            synchronized (check) {
                // a late result of another node, from a run begun before the one known here (a run on demand), must not turn the status back
                if (check.removed || observed && check.damper.last().filter(l -> startOf(result).isBefore(startOf(l))).isPresent()) {
                    return;
                }
                transition = check.damper.accept(result);
            }
            bus.publish(new CheckCompleted(definition.name(), definition.group(), result, observed));
            transition.ifPresent(t -> {
                log.info("event=component_status_changed component={} group={} from={} to={} reason=\"{}\"",
                        definition.name(), definition.group(), t.from(), t.to(), t.reason());
                bus.publish(new ComponentStatusChanged(definition.name(), definition.group(), t.from(), t.to(),
                        result.timestamp(), t.reason(), t.evidence()));
            });
        }
    }

    private static Instant startOf(HealthCheckResult r) { return r.timestamp().minus(r.latency()); }

    private ScheduledCheck require(String name) {
        ScheduledCheck check = checks.get(name);
        if (check == null) {
            Collection<String> known = new TreeSet<>(checks.keySet());
            throw new NoSuchElementException("no check named '%s'; registered: %s".formatted(name,
                    known.isEmpty() ? "none" : String.join(", ", known)));
        }
        return check;
    }

    private synchronized long nextLong(long bound) {
        return bound <= 0 ? 0 : random.nextLong(bound);
    }

    static String reason(Throwable t) {
        Throwable root = t;
        while ((root instanceof java.util.concurrent.ExecutionException || root instanceof java.util.concurrent.CompletionException)
                && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
