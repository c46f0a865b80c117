package dev.selfheal.health.history;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import dev.selfheal.logs.RepeatingFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the health engine publishes to a {@link HealthHistoryStore}, off the engine's
 * threads: events are queued and a writer thread stores them in batches (one transaction per
 * batch of results), so a slow disk never delays a check.
 *
 * <p>Results and transitions are not worth the same. Results are many and each one matters
 * little: at most {@code capacity} wait in the queue, and when the store cannot keep up the
 * newest are dropped and counted rather than growing the heap without end. Transitions are
 * few and are the history that matters: they are always queued (never blocking the publisher,
 * which is the engine's own thread), and a transition the store refuses is retried with
 * backoff until it is written or the recorder closes, when it is logged in full. A store that
 * keeps failing (a full disk) costs one line with a stack trace and then a count a minute, and
 * every result it lost is counted in {@link #droppedCount()}.
 *
 * <p>{@link #close()} drains the queue: a daemon stopping on SIGTERM writes what it has before
 * it exits.
 */
public final class HistoryRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final int MAX_BATCH = 1_000;
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private final HealthHistoryStore store;
    private final int capacity;
    private final Duration firstRetryDelay;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedResults = new AtomicInteger();
    private final Thread writer;
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final RepeatingFailure resultFailures = new RepeatingFailure(log, "history_write_failed");
    private final RepeatingFailure transitionFailures = new RepeatingFailure(log, "history_transition_write_failed");
    private volatile boolean closing;

    // Owned by the writer thread (and by close() once the writer has ended).
    private final List<StatusTransition> unsavedTransitions = new ArrayList<>();
    private Duration retryDelay;
    private long retryAtNanos;

    /**
     * @param capacity how many results may wait for the writer before new ones are dropped
     */
    public HistoryRecorder(HealthHistoryStore store, EventBus bus, int capacity) {
        this(store, bus, capacity, Duration.ofSeconds(1));
    }

    HistoryRecorder(HealthHistoryStore store, EventBus bus, int capacity, Duration firstRetryDelay) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history queue capacity must be at least 1, got " + capacity);
        }
        this.store = store;
        this.capacity = capacity;
        this.firstRetryDelay = firstRetryDelay;
        this.retryDelay = firstRetryDelay;
        subscriptions.add(bus.subscribe(CheckCompleted.class, this::onCheckCompleted));
        subscriptions.add(bus.subscribe(ComponentStatusChanged.class, this::onStatusChanged));
        this.writer = Thread.ofPlatform().daemon().name("selfheal-history-writer").start(this::writeLoop);
    }

    private void onCheckCompleted(CheckCompleted e) {
        if (e.observed()) {
            return; // another node's run: that node records it
        }
        if (queuedResults.incrementAndGet() > capacity) {
            queuedResults.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.add(new StoredResult(e.component(), e.group(), e.result()));
    }

    private void onStatusChanged(ComponentStatusChanged e) {
        queue.add(new StatusTransition(e.component(), e.group(), e.from(), e.to(), e.at(), e.reason()));
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch);
                }
                retryUnsavedTransitions(false);
            } catch (InterruptedException e) {
                // close() does not interrupt; someone else did. The loop condition decides.
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vme) {
                    throw vme;
                }
                writeFailures.incrementAndGet();
                log.error("event=history_writer_failed error=\"{}\"", e.toString(), e);
            } finally {
                batch.clear();
            }
        }
        retryUnsavedTransitions(true);
    }

    /** Results go in one call (one transaction); each transition on its own, so one refused row holds back no other. */
    private void write(List<Object> batch) {
        List<StoredResult> results = new ArrayList<>(batch.size());
        List<StatusTransition> transitions = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof StoredResult r) {
                results.add(r);
            } else if (item instanceof StatusTransition t) {
                transitions.add(t);
            }
        }
        queuedResults.addAndGet(-results.size());
        if (!results.isEmpty()) {
            try {
                store.appendResults(results);
                written.addAndGet(results.size());
                resultFailures.succeeded();
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                lost.addAndGet(results.size());
                resultFailures.failed("kind=results lost=" + results.size() + " lost_total=" + lost.get(), e);
            }
        }
        transitions.forEach(this::writeTransition);
    }

    private void writeTransition(StatusTransition t) {
        try {
            store.appendTransition(t);
            written.incrementAndGet();
        } catch (RuntimeException e) {
            writeFailures.incrementAndGet();
            if (unsavedTransitions.isEmpty()) {
                retryAtNanos = System.nanoTime() + retryDelay.toNanos();
            }
            unsavedTransitions.add(t);
            transitionFailures.failed("kind=transition component=" + t.component() + " unsaved=" + unsavedTransitions.size()
                    + " retry_in_ms=" + retryDelay.toMillis(), e);
        }
    }

    private void retryUnsavedTransitions(boolean lastChance) {
        if (unsavedTransitions.isEmpty() || (!lastChance && System.nanoTime() - retryAtNanos < 0)) {
            return;
        }
        List<StatusTransition> retry = new ArrayList<>(unsavedTransitions);
        unsavedTransitions.clear();
        for (StatusTransition t : retry) {
            try {
                store.appendTransition(t);
                written.incrementAndGet();
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                unsavedTransitions.add(t);
            }
        }
        if (unsavedTransitions.isEmpty()) {
            retryDelay = firstRetryDelay;
            transitionFailures.succeeded();
            log.info("event=history_transitions_saved count={}", retry.size());
        } else if (lastChance) {
            // Nowhere left to keep them: put each in the log so that no transition vanishes unseen.
            unsavedTransitions.forEach(t -> log.error(
                    "event=history_transition_lost component={} group={} from={} to={} at={} reason=\"{}\"",
                    t.component(), t.group(), t.from(), t.to(), t.at(), t.reason()));
        } else {
            retryDelay = retryDelay.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : retryDelay.multipliedBy(2);
            retryAtNanos = System.nanoTime() + retryDelay.toNanos();
        }
    }

    /**
     * Results not stored: dropped because the queue was full, or lost because the store refused
     * their batch (a full disk). What {@code selfheal_history_dropped_total} counts.
     */
    public long droppedCount() {
        return dropped.get() + lost.get();
    }

    /** Whether the store's latest write of results or transitions failed (and has not succeeded since). */
    public boolean isFailing() {
        return resultFailures.isFailing() || transitionFailures.isFailing();
    }

    /** Results lost because the store refused their batch. */
    public long lostCount() {
        return lost.get();
    }

    /** Results and transitions stored. */
    public long writtenCount() {
        return written.get();
    }

    /** Store calls that failed (each was logged); a failed batch of results is lost, a failed transition retried. */
    public long writeFailureCount() {
        return writeFailures.get();
    }

    /** Stops listening and writes everything queued, waiting up to {@code timeout}. */
    public void close(Duration timeout) {
        subscriptions.forEach(EventBus.Subscription::close);
        closing = true;
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.warn("event=history_flush_incomplete pending={}", queue.size());
            return;
        }
        // A publisher that was mid-delivery when we unsubscribed may have queued after the writer's last look.
        List<Object> late = new ArrayList<>();
        queue.drainTo(late);
        if (!late.isEmpty()) {
            write(late);
            retryUnsavedTransitions(true);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
