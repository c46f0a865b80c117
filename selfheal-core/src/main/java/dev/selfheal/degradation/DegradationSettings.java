package dev.selfheal.degradation;

import java.time.Duration;

/**
 * @param holdDown how long the score must stay below the current level before the level steps
 *                 down by one (default 60 s); going up is immediate
 */
public record DegradationSettings(Duration holdDown) {

    public DegradationSettings {
        if (holdDown == null || holdDown.isNegative()) {
            throw new IllegalArgumentException("degradation hold-down must not be negative: " + holdDown);
        }
    }

    public static DegradationSettings defaults() {
        return new DegradationSettings(Duration.ofSeconds(60));
    }
}
