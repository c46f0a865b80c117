package dev.selfheal.learning;

import dev.selfheal.metrics.MetricKind;
import dev.selfheal.time.DurationChecks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How performance limits are learned from normal behaviour ({@code healing.learning.adaptive-limits}).
 *
 * @param quantile   the quantile of the normal readings the limit starts from (e.g. 0.99)
 * @param margin     added on top, as a share of it (0.25: a quarter above the quantile)
 * @param minSamples normal readings needed before a learned limit replaces the configured one
 * @param window     how far back normal readings count
 * @param settle     how long a reading waits before it counts as normal: if the component gets into trouble
 *                   meanwhile, the readings that led up to it are dropped, so a creeping failure cannot raise its own limit
 * @param metrics    the metrics whose limit is learned, each with its floor and cap
 */
public record AdaptiveLimitSettings(double quantile, double margin, int minSamples, Duration window, Duration settle,
                                    Map<MetricKind, Bounds> metrics) {

    /** The learned limit never goes below {@code floor} nor above {@code cap}. */
    public record Bounds(double floor, double cap) {
        public Bounds {
            if (!(floor > 0 && cap > floor) || Double.isInfinite(cap)) {
                throw new IllegalArgumentException("an adaptive limit needs 0 < floor < cap, got floor " + floor + ", cap " + cap);
            }
        }
    }

    public AdaptiveLimitSettings {
        if (!(quantile > 0 && quantile < 1)) {
            throw new IllegalArgumentException("adaptive limits quantile must be between 0 and 1, got " + quantile);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("adaptive limits margin must be 0 or more, got " + margin);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("adaptive limits min-samples must be at least 1, got " + minSamples);
        }
        DurationChecks.positive(window, "adaptive limits window");
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative() || settle.compareTo(window) >= 0) {
            throw new IllegalArgumentException("adaptive limits settle must be 0 or more and shorter than the window, got " + settle);
        }
        metrics = Map.copyOf(metrics);
        metrics.forEach((kind, b) -> {
            if (kind.isFraction() && b.cap() >= 1) {
                throw new IllegalArgumentException("adaptive limit cap of " + kind.key() + " is a fraction and must be below 1, got "
                        + b.cap());
            }
        });
    }

    /** No metric adapts. Quantile 0.99, margin 25%, 360 readings (an hour at 10 s), a week back, an hour to settle. */
    public static AdaptiveLimitSettings none() {
        return new AdaptiveLimitSettings(0.99, 0.25, 360, Duration.ofDays(7), Duration.ofHours(1), Map.of());
    }

    public AdaptiveLimitSettings withMetric(MetricKind kind, Bounds bounds) {
        Map<MetricKind, Bounds> copy = new java.util.EnumMap<>(MetricKind.class);
        copy.putAll(metrics);
        copy.put(kind, bounds);
        return new AdaptiveLimitSettings(quantile, margin, minSamples, window, settle, copy);
    }
}
