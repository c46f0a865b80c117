package dev.selfheal.degradation;

/**
 * What the orchestrator consults before doing optional work:
 * {@code if (features.isEnabled("notifications")) send(...)}. Reads are lock-free; the
 * {@link DegradationManager} moves the level.
 */
public final class FeatureToggles {

    private volatile DegradationLevel level = DegradationLevel.FULL_SERVICE;

    public boolean isEnabled(String feature) {
        return level.allows(feature);
    }

    public DegradationLevel level() {
        return level;
    }

    void apply(DegradationLevel next) {
        level = next;
    }
}
