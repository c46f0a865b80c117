package dev.selfheal.server.daemon;

import dev.selfheal.cluster.Node;
import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.store.jdbc.JdbcClusterCheckResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole health picture on every node of a cluster, though each runs only its share of the
 * checks: the results of the checks run here go to the store, and the results the other nodes
 * wrote are applied here to the components this node does not check
 * ({@link HealthCheckManager#observe}). So the leader sees a component another node checks fail
 * and heals it, and a follower's {@code /api/health} shows every component.
 *
 * <p>One platform thread writes what queued every {@value #PUBLISH_MS} ms and reads the others'
 * rows every {@value #READ_MS} ms (a result reaches the leader within about a third of a second
 * plus the store's latency). Rows are kept {@value #KEEP_SECONDS} s: a node reads the rows of the
 * last {@value #READ_BACK_SECONDS} s and skips those it applied, by each writer's sequence. A
 * store that fails is logged and tried again; results queued meanwhile are kept, up to a bound.
 */
final class SharedHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedHealth.class);
    private static final long PUBLISH_MS = 100;
    private static final long READ_MS = 200;
    private static final int READ_BACK_SECONDS = 10;
    private static final int KEEP_SECONDS = 60;
    private static final int MAX_QUEUED = 10_000;

    private final JdbcClusterCheckResults store;
    private final HealthCheckManager manager;
    private final Node node;
    private final EventBus.Subscription subscription;
    private final LinkedBlockingQueue<JdbcClusterCheckResults.Row> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Long> applied = new HashMap<>();
    private final Thread worker;
    private volatile boolean running = true;

    SharedHealth(JdbcClusterCheckResults store, HealthCheckManager manager, EventBus bus, Node node) {
        this.store = store;
        this.manager = manager;
        this.node = node;
        this.subscription = bus.subscribe(CheckCompleted.class, this::ranHere);
        this.worker = Thread.ofPlatform().daemon().name("selfheal-shared-health").start(this::loop);
    }

    private void ranHere(CheckCompleted e) {
        if (e.observed()) {
            return;
        }
        // seq is taken under the queue's order: one writer thread writes them in that order
        synchronized (queue) {
            if (!queue.offer(new JdbcClusterCheckResults.Row(node.instance(), seq.incrementAndGet(), node.id(), e.component(), e.result()))) {
                seq.decrementAndGet();
                dropped.incrementAndGet();
            }
        }
    }

    private void loop() {
        long nextRead = 0;
        long nextPrune = System.nanoTime() + TimeUnit.SECONDS.toNanos(KEEP_SECONDS);
        List<JdbcClusterCheckResults.Row> batch = new ArrayList<>();
        while (running) {
            try {
                Thread.sleep(PUBLISH_MS);
                publish(batch);
                long now = System.nanoTime();
                if (now - nextRead >= 0) {
                    nextRead = now + TimeUnit.MILLISECONDS.toNanos(READ_MS);
                    readOthers();
                }
                if (now - nextPrune >= 0) {
                    nextPrune = now + TimeUnit.SECONDS.toNanos(KEEP_SECONDS);
                    store.prune(Duration.ofSeconds(KEEP_SECONDS));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("event=shared_health_failed node={} queued={} error=\"{}\"", node.id(), batch.size() + queue.size(), e.toString());
            }
        }
    }

    /** Writes what queued; a batch that failed is written again first next time. */
    private void publish(List<JdbcClusterCheckResults.Row> batch) {
        queue.drainTo(batch, Math.max(0, MAX_QUEUED - batch.size()));
        if (!batch.isEmpty()) {
            store.write(batch);
            batch.clear();
        }
    }

    private void readOthers() {
        for (JdbcClusterCheckResults.Row row : store.othersWithin(node.instance(), Duration.ofSeconds(READ_BACK_SECONDS))) {
            Long last = applied.get(row.instance());
            if (last == null || row.seq() > last) {
                applied.put(row.instance(), row.seq());
                manager.observe(row.component(), row.result());
            }
        }
    }

    /** Results this node could not queue for the store (it was failing for long). */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        running = false;
        subscription.close();
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
