package dev.selfheal.time;

import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time {@link Scheduler}: one platform timer thread that only dispatches. Tasks
 * must not block; the engine hands blocking work to virtual threads.
 *
 * <p>A task that throws is logged and counted and the timer goes on: a background loop
 * that dies silently is the worst kind of failure for a self-healing engine.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemScheduler.class);

    private final ScheduledThreadPoolExecutor timer;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong taskFailures = new AtomicLong();

    public SystemScheduler() {
        this("selfheal-timer");
    }

    public SystemScheduler(String threadName) {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled checks must not pile up in the queue (10,000 checks re-schedule every second).
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public InstantSource clock() {
        return clock;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> future = timer.schedule(() -> runGuarded(task), nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            taskFailures.incrementAndGet();
            log.error("event=scheduler_task_failed error=\"{}\"", t.toString(), t);
        }
    }

    /** Tasks that threw since start; each was logged. */
    public long taskFailures() {
        return taskFailures.get();
    }

    /** Tasks waiting for their time. */
    public int pending() {
        return timer.getQueue().size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
