package dev.selfheal.server.api;

import dev.selfheal.incident.Problem;
import dev.selfheal.logs.RepeatingFailure;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane external alerts take into the healing loop: admitted, not absorbed.
 *
 * <ul>
 *   <li><b>Bounded.</b> At most {@code capacity} alerts wait. A payload is admitted whole or not
 *       at all: when it does not fit, {@link #admit} refuses it and the ingest answers 429 with
 *       {@code Retry-After}; Alertmanager then sends it again. Memory stays bounded however fast
 *       alerts come (20 clients posting for 30 s used to take the daemon from 198 MB to 1.43 GB).</li>
 *   <li><b>Repeats coalesce.</b> An alert about the same component, problem and status as one
 *       still waiting adds nothing the waiting one will not do; it is accepted and counted as
 *       coalesced, and takes no place in the queue.</li>
 *   <li><b>Its own thread.</b> One lane thread merges the alerts into incidents; the healing
 *       loop never queues behind it, so a supervised service killed during a storm is restarted
 *       as fast as without one (a killed worker used to wait minutes behind 10,000 alerts).</li>
 *   <li><b>Accepted means handled or counted.</b> {@link #close} works off what is still queued
 *       (bounded by a timeout) and counts anything left as dropped; nothing accepted is lost
 *       without a count: {@code accepted = handled + coalesced + failed + dropped + queued}.</li>
 * </ul>
 */
public final class AlertIntake implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
    public static final int DEFAULT_CAPACITY = 10_000;

    /** One alert of a payload: a firing one becomes a problem, a resolved one may resolve its incident. */
    public record Item(boolean firing, Problem problem) {
        String key() {
            return (firing ? "firing\u0000" : "resolved\u0000") + problem.component() + "\u0000" + problem.type().name()
                    + "\u0000" + problem.source();
        }
    }

    /** What {@link #admit} did with a payload; {@code retryAfterSeconds} is set when it was refused. */
    public record Admission(boolean admitted, int queued, int coalesced, long retryAfterSeconds) { }

    private final int capacity;
    private final Consumer<Item> handler;
    private final Object lock = new Object();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final Set<String> waiting = new HashSet<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong refusedEarly = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final RepeatingFailure failures = new RepeatingFailure(log, "alert_intake_failed");
    private final Thread thread;
    private boolean closing;
    private volatile long handledPerSecond = 1000;

    public AlertIntake(int capacity, Consumer<Item> handler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("alert intake capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.handler = handler;
        this.thread = Thread.ofPlatform().name("selfheal-alert-intake").daemon(true).start(this::run);
    }

    /** Admits every item or none: refused when the queue cannot take the new ones (repeats of waiting ones take no place). */
    public Admission admit(List<Item> items) {
        synchronized (lock) {
            if (closing) {
                refused.addAndGet(items.size());
                return new Admission(false, 0, 0, 5);
            }
            Set<String> fresh = new HashSet<>();
            for (Item item : items) {
                String key = item.key();
                if (!waiting.contains(key)) {
                    fresh.add(key);
                }
            }
            if (queue.size() + fresh.size() > capacity) {
                refused.addAndGet(items.size());
                return new Admission(false, 0, 0, retryAfterSeconds(queue.size() + fresh.size() - capacity));
            }
            int queued = 0;
            for (Item item : items) {
                if (waiting.add(item.key())) {
                    queue.add(item);
                    queued++;
                }
            }
            int repeats = items.size() - queued;
            accepted.addAndGet(items.size());
            coalesced.addAndGet(repeats);
            lock.notifyAll();
            return new Admission(true, queued, repeats, 0);
        }
    }

    /**
     * Whether the lane is nine tenths full: the ingest then answers 429 before it reads the body.
     * Reading and parsing every refused payload cost more than the payloads admitted: in a storm
     * of 20 clients the daemon parsed 17,000 payloads a minute only to refuse them, and its heap
     * grew past 2 GB with that garbage.
     */
    public boolean nearlyFull() {
        synchronized (lock) {
            if (closing || queue.size() >= capacity - capacity / 10) {
                refusedEarly.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    /** Seconds to wait before sending again, when {@link #nearlyFull} refused a payload unread. */
    public long retryAfterSeconds() {
        synchronized (lock) {
            return retryAfterSeconds(0);
        }
    }

    /** Long enough for the lane to make room for {@code excess} more at the rate it has been working. */
    private long retryAfterSeconds(int excess) {
        long perSecond = Math.max(1, handledPerSecond);
        return Math.max(1, Math.min(60, (queue.size() + excess + perSecond - 1) / perSecond));
    }

    private void run() {
        long windowStart = System.nanoTime();
        long windowHandled = 0;
        while (true) {
            Item item;
            synchronized (lock) {
                while (queue.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                item = queue.poll();
                if (item == null) {
                    return; // closing and nothing left
                }
                waiting.remove(item.key());
            }
            try {
                handler.accept(item);
                handled.incrementAndGet();
                failures.succeeded();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                failures.failed("component=" + item.problem().component(), e);
            }
            windowHandled++;
            long now = System.nanoTime();
            if (now - windowStart >= 1_000_000_000L) {
                handledPerSecond = windowHandled * 1_000_000_000L / (now - windowStart);
                windowStart = now;
                windowHandled = 0;
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Alerts waiting now. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    public long accepted() {
        return accepted.get();
    }

    public long coalesced() {
        return coalesced.get();
    }

    public long refused() {
        return refused.get();
    }

    public long handled() {
        return handled.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** {@code selfheal_alert_intake_*}: queued, and alerts by outcome. */
    public void bindMetrics(MeterRegistry registry) {
        Gauge.builder("selfheal.alert.intake.queued", this, AlertIntake::queued)
                .description("External alerts waiting for the intake lane").strongReference(true).register(registry);
        outcome(registry, "accepted", accepted);
        outcome(registry, "coalesced", coalesced);
        outcome(registry, "refused", refused);
        FunctionCounter.builder("selfheal.alert.intake.payloads.refused.unread", refusedEarly, AtomicLong::get)
                .description("Payloads answered 429 before their body was read (the lane was nine tenths full)").register(registry);
        outcome(registry, "handled", handled);
        outcome(registry, "failed", failed);
        outcome(registry, "dropped", dropped);
    }

    private static void outcome(MeterRegistry registry, String outcome, AtomicLong count) {
        FunctionCounter.builder("selfheal.alert.intake.alerts", count, AtomicLong::get).tag("outcome", outcome)
                .description("External alerts by what the intake did with them").register(registry);
    }

    /** Refuses new alerts, works off the queued ones for up to {@code drain}, and counts what is left as dropped. */
    public void close(Duration drain) {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            thread.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left;
        synchronized (lock) {
            left = queue.size();
            queue.clear();
            waiting.clear();
        }
        thread.interrupt();
        if (left > 0) {
            dropped.addAndGet(left);
            log.warn("event=alert_intake_dropped alerts={} reason=\"not handled within {} ms of stop\"", left, drain.toMillis());
        }
        log.info("event=alert_intake_closed accepted={} handled={} coalesced={} refused={} failed={} dropped={}",
                accepted.get(), handled.get(), coalesced.get(), refused.get(), failed.get(), dropped.get());
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
