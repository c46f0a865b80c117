package dev.selfheal.store;

import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.ComponentStatusChanged;
import dev.selfheal.events.EventBus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what the health engine publishes to a {@link HealthHistoryStore}, off the engine's
 * threads: events are queued and a writer thread stores them in batches (one transaction per
 * batch), so a slow disk never delays a check.
 *
 * <p>The queue is bounded; when the store cannot keep up, results (not transitions) are
 * dropped and counted rather than growing the heap without end. {@link #close()} drains the
 * queue: a daemon stopping on SIGTERM writes what it has before it exits.
 */
public final class HistoryRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);
    private static final int MAX_BATCH = 1_000;

    private final HealthHistoryStore store;
    private final LinkedBlockingQueue<Object> queue;
    private final Thread writer;
    private final List<EventBus.Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private volatile boolean closing;

    public HistoryRecorder(HealthHistoryStore store, EventBus bus, int capacity) {
        this.store = store;
        this.queue = new LinkedBlockingQueue<>(capacity);
        subscriptions.add(bus.subscribe(CheckCompleted.class, e -> {
            if (!queue.offer(new StoredResult(e.component(), e.group(), e.result()))) {
                dropped.incrementAndGet();
            }
        }));
        subscriptions.add(bus.subscribe(ComponentStatusChanged.class, e -> {
            StatusTransition t = new StatusTransition(e.component(), e.group(), e.from(), e.to(), e.at(), e.reason());
            try {
                queue.put(t); // transitions are never dropped
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                store.appendTransition(t);
            }
        }));
        this.writer = Thread.ofPlatform().daemon().name("selfheal-history-writer").start(this::writeLoop);
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Object first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!closing) {
                    continue;
                }
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                log.error("event=history_write_failed items={} error=\"{}\"", batch.size(), e.toString(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Object> batch) {
        List<StoredResult> results = new ArrayList<>(batch.size());
        for (Object item : batch) {
            if (item instanceof StoredResult r) {
                results.add(r);
            } else if (item instanceof StatusTransition t) {
                if (!results.isEmpty()) {
                    store.appendResults(results);
                    results = new ArrayList<>();
                }
                store.appendTransition(t);
            }
        }
        if (!results.isEmpty()) {
            store.appendResults(results);
        }
        written.addAndGet(batch.size());
    }

    public long droppedCount() {
        return dropped.get();
    }

    public long writtenCount() {
        return written.get();
    }

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
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
