package dev.selfheal.server.config;

import dev.selfheal.learning.AdaptiveLimitSettings;
import dev.selfheal.learning.LearningSettings;
import dev.selfheal.metrics.MetricKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads {@code healing.learning}: the learned plan order ({@code enabled}, {@code half-life},
 * {@code explore}, {@code own-records}) and {@code adaptive-limits}. Every mistake names its key path and line.
 */
final class LearningConfigReader {

    private LearningConfigReader() { }

    static HealingConfig.Learning read(MappingReader m) {
        LearningSettings d = LearningSettings.defaults();
        boolean enabled = m.bool("enabled", d.enabled());
        double halfLife = m.decimal("half-life", d.halfLife(), 1, 1_000_000);
        boolean explore = m.bool("explore", d.explore());
        int ownRecords = m.integer("own-records", d.ownRecords(), 0, 1_000_000);
        AdaptiveLimitSettings adaptive = adaptiveLimits(m.section("adaptive-limits"));
        m.rejectUnknownKeys();
        return new HealingConfig.Learning(new LearningSettings(enabled, halfLife, explore, d.goodRecord(), ownRecords), adaptive);
    }

    private static AdaptiveLimitSettings adaptiveLimits(MappingReader m) {
        AdaptiveLimitSettings d = AdaptiveLimitSettings.none();
        double quantile = m.decimal("quantile", d.quantile(), 0.5, 0.9999);
        double margin = m.decimal("margin", d.margin(), 0, 10);
        int minSamples = m.integer("min-samples", d.minSamples(), 1, 1_000_000);
        Duration window = m.duration("window", d.window(), Duration.ofMinutes(1));
        Duration settle = m.duration("settle", d.settle(), Duration.ZERO);
        if (settle.compareTo(window) >= 0) {
            m.problem("settle", "must be shorter than window (%s), got %s".formatted(Durations.format(window), Durations.format(settle)));
            settle = Duration.ZERO;
        }
        Map<MetricKind, AdaptiveLimitSettings.Bounds> metrics = new EnumMap<>(MetricKind.class);
        MappingReader section = m.section("metrics");
        for (String key : section.keys()) {
            MetricKind kind;
            try {
                kind = MetricKind.ofKey(key);
            } catch (IllegalArgumentException e) {
                section.problem(key, "unknown metric '%s'; known: %s".formatted(key,
                        String.join(", ", Arrays.stream(MetricKind.values()).map(MetricKind::key).toList())));
                continue;
            }
            MappingReader metric = section.section(key);
            boolean adaptive = metric.bool("adaptive", true);
            double max = kind.isFraction() ? 0.999999 : 1e12;
            double floor = metric.requiredDecimal("floor", 0, max);
            double cap = metric.requiredDecimal("cap", 0, max);
            metric.rejectUnknownKeys();
            if (!Double.isNaN(floor) && !Double.isNaN(cap)) {
                if (!(floor > 0 && cap > floor)) {
                    metric.problem("cap", "must be above floor (%s) and floor above 0, got floor %s, cap %s".formatted(
                            plain(floor), plain(floor), plain(cap)));
                } else if (adaptive) {
                    metrics.put(kind, new AdaptiveLimitSettings.Bounds(floor, cap));
                }
            }
        }
        m.rejectUnknownKeys();
        return new AdaptiveLimitSettings(quantile, margin, minSamples, window, settle, metrics);
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
