package dev.selfheal.patterns;

import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns, online and in bounded memory, which components' failures follow which: for every
 * ordered pair (A, B) it counts A's failure episodes that B's failure started after within the
 * lag, and the sum and sum of squares of those lags (a near cause predicts its effect's
 * start more tightly than a far one). {@link CausalAnalysis} turns the counts into tested findings.
 *
 * <h2>Episodes</h2>
 * A component's failure events closer together than the lag are one episode (a down component
 * reports many problems; it failed once). So within any lag window a component has at most one
 * episode start, which bounds the window of recent starts by the number of components and means
 * each A-episode can be followed by at most one B-episode: no double counting.
 *
 * <h2>Cost</h2>
 * O(components failing within the lag) per event, memory O(components + pairs seen together).
 * Components beyond {@code maxComponents} are counted as dropped, not tracked.
 *
 * <p>Events must arrive in start order (per component at least); an event older than its
 * component's last start is counted as out of order and ignored. Thread-safe.
 */
public final class PrecedenceLearner {

    /** Tuning, with the defaults used unless configured. */
    public record Settings(Duration lag, double falseDiscoveryRate, int minHits, double minLift, int maxComponents) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMinutes(2), 0.01, 3, 3.0, 4096);

        public Settings {
            DurationChecks.positive(lag, "patterns lag");
            if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
                throw new IllegalArgumentException("patterns false-discovery rate must be in (0, 1): " + falseDiscoveryRate);
            }
            if (minHits < 1 || minLift < 1 || maxComponents < 2) {
                throw new IllegalArgumentException("patterns minHits >= 1, minLift >= 1, maxComponents >= 2 required");
            }
        }
    }

    /** An episode still within its lag: who failed just before it, and who has followed it so far. */
    private record Recent(int component, long at, int[] before, List<Integer> after) { }

    /** How many closed episodes per component are kept for the conditional tests. */
    static final int EPISODES_KEPT = 64;
    /**
     * How many components before and after an episode are kept with it, the nearest first: enough
     * for a cascade; a storm where everything fails at once says nothing about who caused whom.
     */
    static final int PARTICIPANTS_KEPT = 32;

    private final Settings settings;
    private final long lagNanos;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private long[] episodes = new long[16];
    private long[] lastStart = new long[16];
    private final Map<Long, double[]> follows = new HashMap<>();
    private final ArrayDeque<Recent> window = new ArrayDeque<>();
    private final Map<Integer, ArrayDeque<PrecedenceCounts.Episode>> closed = new HashMap<>();
    private long firstAt = Long.MAX_VALUE;
    private long lastAt = Long.MIN_VALUE;
    private long events;
    private long dropped;
    private long outOfOrder;

    public PrecedenceLearner(Settings settings) {
        this.settings = settings;
        this.lagNanos = settings.lag().toNanos();
    }

    public PrecedenceLearner() {
        this(Settings.DEFAULTS);
    }

    public Settings settings() {
        return settings;
    }

    /** Takes one failure into the counts. */
    public synchronized void observe(FailureEvent event) {
        events++;
        Integer c = indexOf(event.component());
        if (c == null) {
            dropped++;
            return;
        }
        long t = nanos(event.start());
        if (episodes[c] > 0) {
            if (t < lastStart[c]) {
                outOfOrder++;
                return;
            }
            if (t - lastStart[c] < lagNanos) {
                return; // the same episode
            }
        }
        episodes[c]++;
        lastStart[c] = t;
        firstAt = Math.min(firstAt, t);
        lastAt = Math.max(lastAt, t);
        while (!window.isEmpty() && window.peekFirst().at() < t - lagNanos) {
            close(window.pollFirst());
        }
        List<Integer> before = new ArrayList<>();
        for (Recent r : window) {
            if (r.component() != c && r.at() <= t) {
                double lag = (t - r.at()) / 1e9;
                double[] f = follows.computeIfAbsent(pair(r.component(), c), k -> new double[3]);
                f[0]++;
                f[1] += lag;
                f[2] += lag * lag;
                if (r.after().size() < PARTICIPANTS_KEPT) {
                    r.after().add(c);
                }
                before.add(r.component());
            }
        }
        int from = Math.max(0, before.size() - PARTICIPANTS_KEPT); // the nearest
        window.addLast(new Recent(c, t, before.subList(from, before.size()).stream().mapToInt(Integer::intValue).toArray(),
                new ArrayList<>(2)));
    }

    /** An episode whose lag has passed: its followers are complete; kept among its component's last few. */
    private void close(Recent r) {
        ArrayDeque<PrecedenceCounts.Episode> kept = closed.computeIfAbsent(r.component(), k -> new ArrayDeque<>());
        if (kept.size() == EPISODES_KEPT) {
            kept.pollFirst();
        }
        kept.addLast(PrecedenceCounts.Episode.of(r.before(), r.after().stream().mapToInt(Integer::intValue).toArray()));
    }

    private Integer indexOf(String component) {
        Integer c = index.get(component);
        if (c != null) {
            return c;
        }
        if (names.size() >= settings.maxComponents()) {
            return null;
        }
        c = names.size();
        index.put(component, c);
        names.add(component);
        if (c >= episodes.length) {
            episodes = java.util.Arrays.copyOf(episodes, episodes.length * 2);
            lastStart = java.util.Arrays.copyOf(lastStart, lastStart.length * 2);
        }
        return c;
    }

    private static long pair(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** Failure events observed so far. */
    public synchronized long events() {
        return events;
    }

    /** The counts as they stand, copied: analysis runs on the copy, off the lock. */
    public synchronized PrecedenceCounts snapshot() {
        Map<String, Long> perComponent = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            perComponent.put(names.get(i), episodes[i]);
        }
        List<PrecedenceCounts.Follow> pairs = new ArrayList<>(follows.size());
        follows.forEach((k, v) -> pairs.add(new PrecedenceCounts.Follow(names.get((int) (k >>> 32)), names.get((int) (long) k),
                (long) v[0], v[1], v[2])));
        Duration span = firstAt == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(lastAt - firstAt);
        Map<String, List<PrecedenceCounts.Episode>> history = new HashMap<>();
        closed.forEach((c, kept) -> history.put(names.get(c), List.copyOf(kept))); // episodes are immutable: shared
        return new PrecedenceCounts(perComponent, pairs, span, settings.lag(), events, dropped, outOfOrder, history,
                Map.copyOf(index));
    }
}
