package dev.selfheal.learning;

import dev.selfheal.metrics.LearnedLimits;
import dev.selfheal.metrics.Measurement;
import dev.selfheal.metrics.MetricKind;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
 */
public final class AdaptiveLimits implements LearnedLimits {

    private record Series(String component, MetricKind kind) { }

    private record Reading(Instant at, double value) { }

    /** The readings kept per series at most: a week at one per 10 s. */
    static final int MAX_READINGS = 60_480;

    private final AdaptiveLimitSettings settings;
    private final Predicate<String> troubled;
    private final Map<Series, Deque<Reading>> normal = new HashMap<>();
    private final Map<Series, Deque<Reading>> settling = new HashMap<>();

    /** {@code troubled}: whether a component has an open incident or the system is degraded, now. */
    public AdaptiveLimits(AdaptiveLimitSettings settings, Predicate<String> troubled) {
        this.settings = settings;
        this.troubled = troubled;
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
        double limit = learned(readings, bounds).orElse(configured);
        if (m.value() <= limit && !Double.isNaN(m.value()) && !trouble) {
            pending.addLast(new Reading(m.at(), m.value()));
        } else if (!trouble) {
            // over the limit: what led up to it is suspect too
            pending.clear();
        }
        return limit;
    }

    /** The learned limit of {@code component}'s {@code kind}, if it has one yet. */
    public synchronized Optional<Double> learned(String component, MetricKind kind) {
        AdaptiveLimitSettings.Bounds bounds = settings.metrics().get(kind);
        Deque<Reading> readings = normal.get(new Series(component, kind));
        return bounds == null || readings == null ? Optional.empty() : learned(readings, bounds);
    }

    private Optional<Double> learned(Deque<Reading> readings, AdaptiveLimitSettings.Bounds bounds) {
        if (readings.size() < settings.minSamples()) {
            return Optional.empty();
        }
        double[] values = readings.stream().mapToDouble(Reading::value).toArray();
        Arrays.sort(values);
        double q = values[Math.min(values.length - 1, (int) Math.ceil(settings.quantile() * values.length) - 1)];
        return Optional.of(Math.min(bounds.cap(), Math.max(bounds.floor(), q * (1 + settings.margin()))));
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
