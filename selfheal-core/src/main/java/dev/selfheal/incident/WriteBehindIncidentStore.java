package dev.selfheal.incident;

import dev.selfheal.logs.RepeatingFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IncidentStore} whose {@link #save} never waits on the disk and never fails: the
 * latest version of each changed incident is kept in memory and one writer thread stores it.
 * Healing decides from the incident manager's memory, so a full disk or a locked database no
 * longer stops a problem from opening an incident or a restart from being run.
 *
 * <p>Only the latest version of an incident waits: {@link IncidentStore#save} appends whatever
 * is new in the problem list and the timeline, so writing version 7 after a failed version 6
 * loses nothing of 6. When the store refuses, the writer keeps everything pending and retries
 * with backoff (1 s doubling to 30 s); the first failure is logged with its stack trace, then a
 * count a minute ({@link RepeatingFailure}). Reads merge what is pending over what is stored, so
 * the API shows incidents the disk has not taken yet. {@link #close()} writes what it can and
 * logs each incident it could not.
 */
public final class WriteBehindIncidentStore implements IncidentStore {

    private static final Logger log = LoggerFactory.getLogger(WriteBehindIncidentStore.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final IncidentStore store;
    private final Map<String, Incident> pending = new LinkedHashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final RepeatingFailure failing = new RepeatingFailure(log, "incident_write_failed");
    private final Thread writer;
    private volatile boolean closing;
    private Duration retry = FIRST_RETRY;

    public WriteBehindIncidentStore(IncidentStore store) {
        this.store = store;
        this.writer = Thread.ofPlatform().daemon().name("selfheal-incident-writer").start(this::writeLoop);
    }

    @Override
    public void save(Incident incident) {
        synchronized (pending) {
            pending.remove(incident.id()); // re-inserted last: writes keep the order of changes
            pending.put(incident.id(), incident);
            pending.notifyAll();
        }
    }

    @Override
    public Optional<Incident> find(String id) {
        synchronized (pending) {
            Incident waiting = pending.get(id);
            if (waiting != null) {
                return Optional.of(waiting);
            }
        }
        return store.find(id);
    }

    @Override
    public List<Incident> recent(int limit) {
        Map<String, Incident> merged = new LinkedHashMap<>();
        store.recent(limit).forEach(i -> merged.put(i.id(), i));
        pendingSnapshot().forEach(i -> merged.put(i.id(), i));
        return merged.values().stream().sorted(Comparator.comparing(Incident::openedAt).reversed()).limit(limit).toList();
    }

    @Override
    public List<Incident> unresolved() {
        Map<String, Incident> merged = new LinkedHashMap<>();
        store.unresolved().forEach(i -> merged.put(i.id(), i));
        pendingSnapshot().forEach(i -> merged.put(i.id(), i));
        return merged.values().stream().filter(i -> !i.isResolved()).sorted(Comparator.comparing(Incident::openedAt)).toList();
    }

    /** Incidents whose latest version is not stored yet. */
    public int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** Store writes that failed (each retried until it succeeds or the store closes). */
    public long failureCount() {
        return failures.get();
    }

    /** Whether the last write failed: the store is unavailable. */
    public boolean isFailing() {
        return failing.isFailing();
    }

    /** Writes every pending incident now, on the calling thread; returns how many are still pending. */
    public int flush() {
        for (Incident incident : pendingSnapshot()) {
            try {
                store.save(incident);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                failing.failed("incident=" + incident.id() + " pending=" + pendingCount(), e);
                return pendingCount();
            }
            written.incrementAndGet();
            synchronized (pending) {
                pending.remove(incident.id(), incident);
            }
        }
        failing.succeeded();
        return pendingCount();
    }

    private List<Incident> pendingSnapshot() {
        synchronized (pending) {
            return new ArrayList<>(pending.values());
        }
    }

    private void writeLoop() {
        while (!closing) {
            synchronized (pending) {
                while (pending.isEmpty() && !closing) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            if (closing) {
                return;
            }
            if (flush() == 0) {
                retry = FIRST_RETRY;
                continue;
            }
            long until = System.nanoTime() + retry.toNanos();
            synchronized (pending) {
                // A new save does not cut the backoff short: the store is failing, not idle.
                for (long left = retry.toMillis(); left > 0 && !closing; left = (until - System.nanoTime()) / 1_000_000) {
                    try {
                        pending.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    @Override
    public void close() {
        closing = true;
        synchronized (pending) {
            pending.notifyAll();
        }
        try {
            writer.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (flush() > 0) {
            pendingSnapshot().forEach(i -> log.error("event=incident_not_stored incident={} component={} state={}",
                    i.id(), i.component(), i.state()));
        }
        store.close();
    }
}
