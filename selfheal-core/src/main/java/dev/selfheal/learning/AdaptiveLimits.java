package dev.selfheal.learning;

import dev.selfheal.metrics.LearnedLimits;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performance limits learned from a component's own normal behaviour: a high quantile of its
 * recent normal readings plus a margin, within a configured floor and cap.
 *
 * <p><b>A limit learned during an incident is not a limit.</b> A reading teaches nothing when its
 * component is in trouble (an open incident on it, or the system degraded: {@code troubled}), or
 * when it is over the limit in force: otherwise a slow, creeping failure would raise its own
 * limit one reading at a time and never be caught. So the limit follows normal behaviour up and
 * down, and never ratchets up on the failures it should catch. A reading also waits {@code settle}
 * before it counts: if its component gets into trouble meanwhile, the readings that led up to the
 * trouble are dropped with it, so a slow creep (within the limit at each step) that ends in an
 * incident teaches nothing either.
 *
 * <p>Until {@code minSamples} normal readings within the window are seen, the configured limit
 * stands. Time is the readings' own ({@link Measurement#at()}), so tests run on virtual time.
 * Thread-safe.
 *
 * <p><b>A restart keeps what was learned.</b> Each learned limit is kept in a
 * {@link LearnedLimitStore} when it first appears and whenever it moves by more than
 * {@link #SAVE_STEP} of itself (written on the given executor, so a slow database never holds
 * the monitor). After a restart the stored limit holds, within today's floor and cap, until the
 * component has {@code minSamples} fresh normal readings, and the limit learned from them replaces
 * it. The readings themselves are not stored (a week at one per 10 s is 60,000 rows per metric).
 */
public final class AdaptiveLimits implements LearnedLimits {

    private record Series(String component, MetricKind kind) { }

    private record Reading(Instant at, double value) { }

    /** The readings kept per series at most: a week at one per 10 s. */
    static final int MAX_READINGS = 60_480;

    /** A learned limit is stored again when it moves by more than this share of itself. */
    static final double SAVE_STEP = 0.01;

    private static final Logger log = LoggerFactory.getLogger(AdaptiveLimits.class);

    private final AdaptiveLimitSettings settings;
    private final Predicate<String> troubled;
    private final LearnedLimitStore store;
    private final Executor writer;
    private final Map<Series, Deque<Reading>> normal = new HashMap<>();
    private final Map<Series, Deque<Reading>> settling = new HashMap<>();
    /** What was stored before this start, until fresh readings replace it. */
    private final Map<Series, LearnedLimit> restored = new HashMap<>();
    /** The limit last learned from readings, per series, and the one last handed to the store. */
    private final Map<Series, LearnedLimit> current = new HashMap<>();
    private final Map<Series, Double> saved = new HashMap<>();

    /** {@code troubled}: whether a component has an open incident or the system is degraded, now. Nothing stored. */
    public AdaptiveLimits(AdaptiveLimitSettings settings, Predicate<String> troubled) {
        this(settings, troubled, new InMemoryLearnedLimitStore(), Runnable::run);
    }

    /**
     * As above, keeping learned limits in {@code store} (written on {@code writer}) and starting
     * from the ones it holds.
     */
    public AdaptiveLimits(AdaptiveLimitSettings settings, Predicate<String> troubled, LearnedLimitStore store, Executor writer) {
        this.settings = settings;
        this.troubled = troubled;
        this.store = store;
        this.writer = writer;
        try {
            for (LearnedLimit l : store.all()) {
                Series s = new Series(l.component(), l.metric());
                restored.put(s, l);
                saved.put(s, l.limit());
            }
        } catch (RuntimeException e) {
            log.error("event=learned_limits_read_failed error=\"{}\"", e.toString(), e);
        }
    }

    @Override
    public synchronized double limitFor(Measurement m, double configured) {
        AdaptiveLimitSettings.Bounds bounds = settings.metrics().get(m.kind());
        if (bounds == null) {
            return configured;
        }
        Series series = new Series(m.component(), m.kind());
        Deque<Reading> readings = normal.computeIfAbsent(series, s -> new ArrayDeque<>());
        Deque<Reading> pending = settling.computeIfAbsent(series, s -> new ArrayDeque<>());
        boolean trouble = isTroubled(m.component());
        if (trouble) {
            pending.clear();
        }
        Instant settled = m.at().minus(settings.settle());
        while (!pending.isEmpty() && !pending.peekFirst().at().isAfter(settled)) {
            readings.addLast(pending.removeFirst());
        }
        Instant horizon = m.at().minus(settings.window());
        while (!readings.isEmpty() && readings.peekFirst().at().isBefore(horizon)
                || readings.size() > MAX_READINGS) {
            readings.removeFirst();
        }
        Optional<Double> fresh = learned(readings, bounds);
        if (fresh.isPresent()) {
            learnedNow(series, fresh.get(), readings.size(), m.at());
        } else {
            current.remove(series);
        }
        double limit = fresh.orElseGet(() -> restoredLimit(series, bounds).orElse(configured));
        if (m.value() <= limit && !Double.isNaN(m.value()) && !trouble) {
            pending.addLast(new Reading(m.at(), m.value()));
        } else if (!trouble) {
            // over the limit: what led up to it is suspect too
            pending.clear();
        }
        return limit;
    }

    /** The learned limit of {@code component}'s {@code kind}, if it has one yet (learned since start, or stored before). */
    public synchronized Optional<Double> learned(String component, MetricKind kind) {
        AdaptiveLimitSettings.Bounds bounds = settings.metrics().get(kind);
        if (bounds == null) {
            return Optional.empty();
        }
        Series series = new Series(component, kind);
        Deque<Reading> readings = normal.get(series);
        Optional<Double> fresh = readings == null ? Optional.empty() : learned(readings, bounds);
        return fresh.isPresent() ? fresh : restoredLimit(series, bounds);
    }

    /** A learned limit shown as it is in force. */
    public record Shown(LearnedLimit limit, boolean restored, double floor, double cap) { }

    /**
     * Every learned limit in force, by component then metric: learned since start, or stored
     * before it and not yet replaced ({@code restored}), within its metric's floor and cap.
     */
    public synchronized List<Shown> limits() {
        Map<Series, Shown> all = new java.util.TreeMap<>(java.util.Comparator.comparing(Series::component)
                .thenComparing(s -> s.kind().name()));
        restored.forEach((s, l) -> {
            AdaptiveLimitSettings.Bounds b = settings.metrics().get(s.kind());
            if (b != null) {
                all.put(s, new Shown(new LearnedLimit(l.component(), l.metric(), clamp(l.limit(), b), l.samples(), l.learnedAt()),
                        true, b.floor(), b.cap()));
            }
        });
        current.forEach((s, l) -> {
            AdaptiveLimitSettings.Bounds b = settings.metrics().get(s.kind());
            all.put(s, new Shown(l, false, b.floor(), b.cap()));
        });
        return List.copyOf(all.values());
    }

    private Optional<Double> restoredLimit(Series series, AdaptiveLimitSettings.Bounds bounds) {
        LearnedLimit l = restored.get(series);
        return l == null ? Optional.empty() : Optional.of(clamp(l.limit(), bounds));
    }

    private static double clamp(double value, AdaptiveLimitSettings.Bounds bounds) {
        return Math.min(bounds.cap(), Math.max(bounds.floor(), value));
    }

    /** A limit learned from fresh readings replaces a restored one, and is stored when it first appears or moves. */
    private void learnedNow(Series series, double limit, int samples, Instant at) {
        restored.remove(series);
        LearnedLimit l = new LearnedLimit(series.component(), series.kind(), limit, samples, at);
        current.put(series, l);
        Double last = saved.get(series);
        if (last != null && Math.abs(limit - last) <= SAVE_STEP * Math.max(Math.abs(last), 1e-12)) {
            return;
        }
        saved.put(series, limit);
        try {
            writer.execute(() -> {
                try {
                    store.save(l);
                } catch (RuntimeException e) {
                    log.error("event=learned_limit_write_failed component={} metric={} error=\"{}\"", l.component(),
                            l.metric().key(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            log.error("event=learned_limit_write_failed component={} metric={} error=\"{}\"", l.component(), l.metric().key(),
                    e.toString());
        }
    }

    private Optional<Double> learned(Deque<Reading> readings, AdaptiveLimitSettings.Bounds bounds) {
        if (readings.size() < settings.minSamples()) {
            return Optional.empty();
        }
        double[] values = readings.stream().mapToDouble(Reading::value).toArray();
        Arrays.sort(values);
        double q = values[Math.min(values.length - 1, (int) Math.ceil(settings.quantile() * values.length) - 1)];
        return Optional.of(clamp(q * (1 + settings.margin()), bounds));
    }

    private boolean isTroubled(String component) {
        try {
            return troubled.test(component);
        } catch (RuntimeException e) {
            // Not knowing is not knowing it was normal.
            return true;
        }
    }
}
