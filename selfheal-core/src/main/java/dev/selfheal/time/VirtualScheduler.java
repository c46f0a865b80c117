package dev.selfheal.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for tests (and for users who test with selfheal).
 * Time stands still until {@link #advance(Duration)} moves it; due tasks then run on the
 * calling thread in time order, each seeing {@link #clock()} at its own due time.
 *
 * <p>It ships in the main jar, as Micrometer's {@code MockClock} does, so that embedding
 * services can test their own healing logic without sleeping.
 */
public final class VirtualScheduler implements Scheduler {

    private record Task(long dueNanos, long seq, Runnable body) { }

    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
    private final Instant origin;
    private long nowNanos;
    private long seq;

    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public VirtualScheduler(Instant start) {
        this.origin = start;
    }

    @Override
    public InstantSource clock() {
        return this::now;
    }

    public synchronized Instant now() {
        return origin.plusNanos(nowNanos);
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable body) {
        Task task = new Task(nowNanos + Math.max(0, delay.toNanos()), seq++, body);
        queue.add(task);
        return () -> {
            synchronized (VirtualScheduler.this) {
                queue.remove(task);
            }
        };
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = nowNanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.dueNanos > target) {
                    nowNanos = target;
                    return;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, next.dueNanos);
            }
            next.body.run();
        }
    }

    /** Runs the tasks due now without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting for their time. */
    public synchronized int pending() {
        return queue.size();
    }
}
