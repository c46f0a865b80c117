package dev.selfheal.patterns;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an analyzer's failures and patterns in the pattern database, so that a restarted engine
 * knows what it knew. {@link #restore} replays the stored events of the history window into the
 * analyzer; from then on every recorded failure is queued and {@link #flush} (run every few
 * seconds) writes the queue in one batch, saves the patterns of the current report and forgets
 * events older than the history window.
 *
 * <p>The queue is bounded: recording stays cheap when the database is slow, and a burst beyond
 * the bound is counted as not persisted rather than holding the healing loop or the heap.
 */
public final class PatternPersistence {

    private static final Logger log = LoggerFactory.getLogger(PatternPersistence.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final FailurePatternAnalyzer analyzer;
    private final PatternStore store;
    private final InstantSource clock;
    private final ArrayBlockingQueue<FailureEvent> pending;
    private final AtomicLong notPersisted = new AtomicLong();
    private Instant lastSaved = Instant.MIN;
    private Instant lastPruned = Instant.MIN;

    public PatternPersistence(FailurePatternAnalyzer analyzer, PatternStore store, InstantSource clock, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("patterns maxPending must be >= 1: " + maxPending);
        }
        this.analyzer = analyzer;
        this.store = store;
        this.clock = clock;
        this.pending = new ArrayBlockingQueue<>(maxPending);
    }

    /**
     * Replays the stored failures of the history window into the analyzer, makes a report, and
     * from then on queues every failure the analyzer records. Call once, before failures arrive.
     *
     * @return how many stored failures were replayed
     */
    public synchronized long restore() {
        Instant from = clock.instant().minus(analyzer.settings().historyWindow());
        long[] replayed = {0};
        store.replaySince(from, e -> {
            analyzer.record(e);
            replayed[0]++;
        });
        analyzer.forwardTo(e -> {
            if (!pending.offer(e)) {
                notPersisted.incrementAndGet();
            }
        });
        PatternReport report = analyzer.refresh();
        store.savePatterns(StoredPattern.of(report), report.at());
        lastSaved = report.at();
        return replayed[0];
    }

    /** Writes the queued failures, the current report's patterns when it is new, and prunes old events now and then. */
    public synchronized void flush() {
        List<FailureEvent> batch = new ArrayList<>(pending.size());
        pending.drainTo(batch);
        if (!batch.isEmpty()) {
            try {
                store.append(batch);
            } catch (RuntimeException e) {
                notPersisted.addAndGet(batch.size());
                log.warn("event=failure_events_not_stored count={} error=\"{}\"", batch.size(), e.toString());
            }
        }
        PatternReport report = analyzer.report();
        if (report.at().isAfter(lastSaved)) {
            store.savePatterns(StoredPattern.of(report), report.at());
            lastSaved = report.at();
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastPruned.plus(PRUNE_EVERY))) {
            store.deleteBefore(now.minus(analyzer.settings().historyWindow()));
            lastPruned = now;
        }
    }

    /** Failures recorded but not stored: the queue was full or the database refused them. */
    public long notPersisted() {
        return notPersisted.get();
    }
}
