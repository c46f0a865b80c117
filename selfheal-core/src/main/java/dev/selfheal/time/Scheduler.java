package dev.selfheal.time;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Where everything in selfheal that waits gets its time from.
 *
 * <p>Production code uses {@link SystemScheduler}; tests use {@link VirtualScheduler}, whose
 * time moves only when the test advances it, so no unit test ever sleeps. A scheduled task
 * must be short: it hands blocking work (a health check, a recovery action) to an executor.
 */
public interface Scheduler {

    /** Wall-clock time, for timestamps. */
    InstantSource clock();

    /** Monotonic time in nanoseconds, for measuring durations; only differences are meaningful. */
    long nanoTime();

    /** Runs {@code task} once after {@code delay} (zero or negative: as soon as possible). */
    Cancellable schedule(Duration delay, Runnable task);
}
