package dev.selfheal.metrics;

import java.util.Map;

/**
 * The limits for every component: one set of defaults, and per-component overrides (a
 * component named in {@code perComponent} uses its own limits for every kind).
 */
public record ThresholdPolicy(Thresholds defaults, Map<String, Thresholds> perComponent) {

    public ThresholdPolicy {
        java.util.Objects.requireNonNull(defaults, "defaults");
        perComponent = Map.copyOf(perComponent);
    }

    /** The default limits ({@link Thresholds#defaults()}) for every component. */
    public static ThresholdPolicy defaultPolicy() {
        return new ThresholdPolicy(Thresholds.defaults(), Map.of());
    }

    public Thresholds thresholdsFor(String component) {
        return perComponent.getOrDefault(component, defaults);
    }
}
