package dev.selfheal.health.history;

import dev.selfheal.time.Cancellable;
import dev.selfheal.time.DurationChecks;
import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps raw check results for a while (default 7 days) and status transitions for good: once
 * right after {@link #start()} and then every hour, it purges results older than the
 * retention through {@link HealthHistoryStore#purgeResultsBefore(Instant)}.
 *
 * <p>The scheduler only dispatches; the purge, which may delete millions of rows, runs on the
 * executor (a virtual thread by default) so that it never holds up the scheduler's other
 * tasks. A purge still running when the next is due is not started twice. A purge that fails
 * is logged and counted, and the next one runs on time: a housekeeping task never dies.
 */
public final class RetentionTask implements AutoCloseable {

    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RetentionTask.class);

    private final HealthHistoryStore store;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Duration retention;
    private final Duration interval;
    private final AtomicBoolean purging = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong purged = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean closed;
    private volatile Cancellable next = Cancellable.NONE;

    /** Purges results older than 7 days every hour, on a virtual thread. */
    public RetentionTask(HealthHistoryStore store, Scheduler scheduler) {
        this(store, scheduler, DEFAULT_RETENTION);
    }

    /** Purges results older than {@code retention} every hour, on a virtual thread. */
    public RetentionTask(HealthHistoryStore store, Scheduler scheduler, Duration retention) {
        this(store, scheduler, command -> Thread.ofVirtual().name("selfheal-retention").start(command),
                retention, DEFAULT_INTERVAL);
    }

    public RetentionTask(HealthHistoryStore store, Scheduler scheduler, Executor executor, Duration retention, Duration interval) {
        this.store = Objects.requireNonNull(store, "store");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.retention = DurationChecks.positive(retention, "retention");
        this.interval = DurationChecks.positive(interval, "retention interval");
    }

    /** Schedules the first purge as soon as the scheduler gets to it, and one every interval after. */
    public RetentionTask start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("retention task already started");
        }
        next = scheduler.schedule(Duration.ZERO, this::dispatch);
        return this;
    }

    private void dispatch() {
        if (closed) {
            return;
        }
        next = scheduler.schedule(interval, this::dispatch);
        if (!purging.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            log.warn("event=retention_skipped reason=\"previous purge still running\"");
            return;
        }
        Instant cutoff = scheduler.clock().instant().minus(retention);
        try {
            executor.execute(() -> purge(cutoff));
        } catch (RuntimeException e) {
            purging.set(false);
            failures.incrementAndGet();
            log.error("event=retention_failed cutoff={} error=\"{}\"", cutoff, e.toString(), e);
        }
    }

    private void purge(Instant cutoff) {
        long startNanos = scheduler.nanoTime();
        try {
            int count = store.purgeResultsBefore(cutoff);
            purged.addAndGet(count);
            runs.incrementAndGet();
            log.info("event=retention_purged purged={} cutoff={} retention={} took_ms={}",
                    count, cutoff, retention, Duration.ofNanos(scheduler.nanoTime() - startNanos).toMillis());
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.error("event=retention_failed cutoff={} error=\"{}\"", cutoff, e.toString(), e);
        } finally {
            purging.set(false);
        }
    }

    /** Results purged since start. */
    public long purgedCount() {
        return purged.get();
    }

    /** Purges that completed. */
    public long runCount() {
        return runs.get();
    }

    /** Purges that failed (each was logged). */
    public long failureCount() {
        return failures.get();
    }

    /** Purges not started because the previous one was still running. */
    public long skippedCount() {
        return skipped.get();
    }

    public Duration retention() {
        return retention;
    }

    /** Cancels the next purge; one already running finishes. */
    @Override
    public void close() {
        closed = true;
        next.cancel();
    }
}
