package dev.selfheal.spring.boot.autoconfigure;

import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;

/**
 * What the application asks before optional work:
 * {@code if (selfHeal.degradation().allows("notifications")) notify(...)}. A lock-free read of
 * the level the healing loop has set.
 */
public final class Degradation {

    private final DegradationManager manager;

    Degradation(DegradationManager manager) {
        this.manager = manager;
    }

    /** Whether {@code feature} may run at the current level. */
    public boolean allows(String feature) {
        return manager.features().isEnabled(feature);
    }

    public DegradationLevel level() {
        return manager.features().level();
    }
}
