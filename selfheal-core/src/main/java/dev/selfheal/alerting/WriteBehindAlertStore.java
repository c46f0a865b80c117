package dev.selfheal.alerting;

import dev.selfheal.alerting.rules.Silence;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertStore} that takes the pipeline's writes off its path: saves and decisions go
 * into a bounded queue, and one writer thread applies them in batches through
 * {@link AlertStore#writeAll} (one transaction per batch in the JDBC store).
 *
 * <p>Why it is shaped so. Every raw alert produces a decision, so a synchronous store puts a
 * database round trip (and on SQLite an fsync) inside the pipeline's lock. The queue keeps the
 * order of writes (one writer, FIFO), so a later save of an alert never loses to an earlier one.
 *
 * <ul>
 *   <li><b>Full queue</b>: nothing is dropped. The caller waits for room (back-pressure: the
 *       pipeline slows to the store's pace); each such wait is counted
 *       ({@code selfheal_alert_store_queue_full_total}) and logged once per episode.</li>
 *   <li><b>Reads</b> ({@link #find}, {@link #open}, {@link #recent}, {@link #decisions},
 *       {@link #silences}) first wait until every write queued before them is applied, so a
 *       reader sees its own writes. Reads are rare (the API, a restart), writes are not.</li>
 *   <li><b>A failing batch</b> is applied again write by write; a write that still fails is
 *       logged (what it was, never labels or summaries) and counted
 *       ({@code selfheal_alert_store_write_failures_total}); the writer goes on.</li>
 *   <li><b>{@link #close()}</b> drains the queue before it returns (a clean shutdown loses
 *       nothing), then closes the store underneath; a write after close is applied directly.</li>
 * </ul>
 */
public final class WriteBehindAlertStore implements AlertStore {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindAlertStore.class);
    private final dev.selfheal.logs.RepeatingFailure batchFailures = new dev.selfheal.logs.RepeatingFailure(log, "alert_store_batch_failed");
    private final dev.selfheal.logs.RepeatingFailure writeFailures = new dev.selfheal.logs.RepeatingFailure(log, "alert_store_write_failed");
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_BATCH = 500;

    private final AlertStore store;
    private final int maxBatch;
    private final ArrayBlockingQueue<AlertWrite> queue;
    private final Object enqueueLock = new Object();
    private final Object progress = new Object();
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong queueFull = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;
    private boolean fullEpisode;

    public WriteBehindAlertStore(AlertStore store) {
        this(store, DEFAULT_CAPACITY, DEFAULT_MAX_BATCH);
    }

    /**
     * @param capacity how many writes may wait for the writer before a caller waits for room
     * @param maxBatch the most writes applied in one batch
     */
    public WriteBehindAlertStore(AlertStore store, int capacity, int maxBatch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("alert store queue capacity must be at least 1, got " + capacity);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("alert store batch size must be at least 1, got " + maxBatch);
        }
        this.store = store;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("selfheal-alert-store-writer").start(this::writeLoop);
    }

    // ---- writes: queued -------------------------------------------------------------------

    @Override
    public void save(Alert alert) {
        enqueue(new AlertWrite.SaveAlert(alert));
    }

    @Override
    public void record(Decision decision) {
        enqueue(new AlertWrite.RecordDecision(decision));
    }

    @Override
    public void save(Silence silence) {
        enqueue(new AlertWrite.SaveSilence(silence));
    }

    @Override
    public void writeAll(List<AlertWrite> writes) {
        writes.forEach(this::enqueue);
    }

    private void enqueue(AlertWrite w) {
        synchronized (enqueueLock) {
            if (closing) {
                applyAlone(w);
                return;
            }
            if (!queue.offer(w)) {
                queueFull.incrementAndGet();
                if (!fullEpisode) {
                    fullEpisode = true;
                    log.warn("event=alert_store_queue_full capacity={} detail=\"the pipeline waits for the store's writer; nothing is dropped\"",
                            queue.remainingCapacity() + queue.size());
                }
                putUninterruptibly(w);
            } else if (fullEpisode && queue.remainingCapacity() > queue.size()) {
                fullEpisode = false;
            }
            enqueued.incrementAndGet();
        }
    }

    private void putUninterruptibly(AlertWrite w) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(w);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- reads: after the writes queued before them --------------------------------------------

    @Override
    public Optional<Alert> find(String id) {
        flush();
        return store.find(id);
    }

    @Override
    public List<Alert> open() {
        flush();
        return store.open();
    }

    @Override
    public List<Alert> recent(int limit) {
        flush();
        return store.recent(limit);
    }

    @Override
    public List<Decision> decisions(String alertId) {
        flush();
        return store.decisions(alertId);
    }

    @Override
    public List<Silence> silences() {
        flush();
        return store.silences();
    }

    /** Waits until every write queued before this call is applied (or has failed and been counted). */
    public void flush() {
        long target = enqueued.get();
        boolean interrupted = false;
        synchronized (progress) {
            while (applied.get() < target && writer.isAlive()) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer ---------------------------------------------------------------------------

    private void writeLoop() {
        List<AlertWrite> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                AlertWrite first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                apply(batch);
            } catch (InterruptedException e) {
                // nobody should interrupt the writer; it stops when closing and the queue is empty
            } catch (RuntimeException | Error e) {
                log.error("event=alert_store_writer_error error=\"{}\"", e.toString(), e);
            } finally {
                if (!batch.isEmpty()) {
                    done(batch.size());
                    batch.clear();
                }
            }
        }
    }

    private void apply(List<AlertWrite> batch) {
        try {
            store.writeAll(List.copyOf(batch));
            written.addAndGet(batch.size());
            batches.incrementAndGet();
            batchFailures.succeeded();
        } catch (RuntimeException e) {
            // A store that keeps refusing (a full disk) logs the first failure, then a count a minute.
            batchFailures.failed("writes=" + batch.size() + " detail=\"applying them one by one\"", e);
            batch.forEach(this::applyAlone);
        }
    }

    private void applyAlone(AlertWrite w) {
        try {
            w.applyTo(store);
            written.incrementAndGet();
            writeFailures.succeeded();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            writeFailures.failed("write=\"" + w.describe() + "\"", e);
        }
    }

    private void done(int n) {
        synchronized (progress) {
            applied.addAndGet(n);
            progress.notifyAll();
        }
    }

    // ---- figures, meters, close ------------------------------------------------------------------

    /** Writes waiting for the writer. */
    public int queued() {
        return queue.size();
    }

    /** Writes applied to the store underneath. */
    public long written() {
        return written.get();
    }

    /** Batches applied in one {@link AlertStore#writeAll} each. */
    public long batches() {
        return batches.get();
    }

    /** Writes that found the queue full and waited for room. */
    public long queueFullWaits() {
        return queueFull.get();
    }

    /** Writes the store refused even alone (logged). */
    public long writeFailures() {
        return failures.get();
    }

    /** {@code selfheal_alert_store_queue_size}, {@code _written_total}, {@code _queue_full_total}, {@code _write_failures_total}. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("selfheal.alert.store.queue.size", queue, ArrayBlockingQueue::size)
                .description("Alert store writes waiting for the writer").register(registry);
        FunctionCounter.builder("selfheal.alert.store.written", written, AtomicLong::get)
                .description("Alert store writes applied").register(registry);
        FunctionCounter.builder("selfheal.alert.store.queue.full", queueFull, AtomicLong::get)
                .description("Alert store writes that found the queue full and waited for room (none is dropped)").register(registry);
        FunctionCounter.builder("selfheal.alert.store.write.failures", failures, AtomicLong::get)
                .description("Alert store writes the database refused (logged)").register(registry);
    }

    /** Drains the queue, then closes the store underneath. */
    @Override
    public void close() {
        synchronized (enqueueLock) {
            closing = true; // later writes are applied directly, after what is queued
        }
        try {
            writer.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            log.error("event=alert_store_close_timeout queued={} detail=\"the writer did not drain within 1 min\"", queue.size());
        } else {
            List<AlertWrite> left = new ArrayList<>();
            queue.drainTo(left);
            left.forEach(this::applyAlone); // a write that raced with close
        }
        store.close();
    }
}
