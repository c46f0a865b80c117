package dev.selfheal.health;

import dev.selfheal.time.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fires the timeouts of check runs with one timer task per timeout length instead of one per
 * run.
 *
 * <p>Why: arming and cancelling a timer task for every run doubled the timer's work at 10,000
 * runs per second. Runs that share a timeout length are queued in the order they started,
 * which is also the order of their deadlines, so a single task armed at the deadline of the
 * oldest pending run is enough: when it fires it drops runs that already finished, expires the
 * ones whose deadline has passed, and re-arms itself for the next. A run finishing early costs
 * nothing but a flag read later. Starts that race on different threads may enter the queue a
 * few microseconds out of order; such a run times out that much late, which does not matter.
 */
final class RunDeadlines {

    /** A run waiting for its deadline; {@code onTimeout} runs only if the run is still not done then. */
    record Pending(long deadlineNanos, CompletableFuture<?> run, Runnable onTimeout) { }

    private final Scheduler scheduler;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

    RunDeadlines(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void add(Duration timeout, long startNanos, CompletableFuture<?> run, Runnable onTimeout) {
        long timeoutNanos = timeout.toNanos();
        lanes.computeIfAbsent(timeoutNanos, t -> new Lane()).add(new Pending(startNanos + timeoutNanos, run, onTimeout));
    }

    /** Runs waiting in every lane, finished ones not yet dropped included. */
    int size() {
        return lanes.values().stream().mapToInt(l -> l.queue.size()).sum();
    }

    private final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean armed = new AtomicBoolean();

        void add(Pending pending) {
            queue.add(pending);
            if (armed.compareAndSet(false, true)) {
                arm(pending.deadlineNanos());
            }
        }

        private void arm(long deadlineNanos) {
            scheduler.schedule(Duration.ofNanos(Math.max(0, deadlineNanos - scheduler.nanoTime())), this::fire);
        }

        private void fire() {
            long now = scheduler.nanoTime();
            Pending head;
            while ((head = queue.peek()) != null) {
                if (!head.run().isDone() && head.deadlineNanos() > now) {
                    arm(head.deadlineNanos());
                    return;
                }
                queue.poll();
                if (!head.run().isDone()) {
                    head.onTimeout().run();
                }
            }
            armed.set(false);
            // A run added between the last poll and the flag reset would otherwise wait unarmed.
            Pending late = queue.peek();
            if (late != null && armed.compareAndSet(false, true)) {
                arm(late.deadlineNanos());
            }
        }
    }
}
