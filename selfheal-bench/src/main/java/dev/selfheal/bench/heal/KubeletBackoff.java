package dev.selfheal.bench.heal;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's container restart back-off (CrashLoopBackOff), as its {@code flowcontrol.Backoff}
 * and {@code doBackOff} do it: the first restart of a container is not delayed; each later one
 * waits until {@code backoff} has passed since the container finished, the back-off starting at
 * 10 s and doubling up to 300 s; an entry is forgotten (the next restart is immediate again) when
 * the container finished more than twice the maximum (10 min) after the last back-off update.
 */
final class KubeletBackoff {

    private record Entry(Duration backoff, Instant lastUpdate) { }

    private final Duration initial;
    private final Duration max;
    private final InstantSource clock;
    private final Map<String, Entry> entries = new HashMap<>();

    KubeletBackoff(Duration initial, Duration max, InstantSource clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    /** How long a restart of {@code key}, whose container finished at {@code finishedAt}, must still wait (zero: restart now). */
    synchronized Duration remaining(String key, Instant finishedAt) {
        Entry entry = entries.get(key);
        if (entry == null || expired(finishedAt, entry)) {
            return Duration.ZERO;
        }
        Duration left = entry.backoff.minus(Duration.between(finishedAt, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Records a restart: the next one waits {@code initial}, or twice the last wait, at most {@code max}. */
    synchronized void next(String key, Instant finishedAt) {
        Entry entry = entries.get(key);
        Duration backoff = entry == null || expired(finishedAt, entry) ? initial
                : (entry.backoff.multipliedBy(2).compareTo(max) > 0 ? max : entry.backoff.multipliedBy(2));
        entries.put(key, new Entry(backoff, clock.instant()));
    }

    /** The back-off the next restart would wait after this one (for the table). */
    synchronized Duration current(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Duration.ZERO : entry.backoff;
    }

    /** Forgets every entry, as 10 minutes of stable running would. */
    synchronized void reset() {
        entries.clear();
    }

    private boolean expired(Instant finishedAt, Entry entry) {
        return Duration.between(entry.lastUpdate, finishedAt).compareTo(max.multipliedBy(2)) > 0;
    }
}
