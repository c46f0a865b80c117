package dev.selfheal.degradation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The five levels, each switching off more features than the one below it. At
 * MAINTENANCE_MODE only {@code health_checks} and {@code status_page} stay on.
 */
public enum DegradationLevel {
    FULL_SERVICE(0, List.of()),
    REDUCED_FEATURES(1, List.of("advanced_analytics", "batch_processing")),
    ESSENTIAL_ONLY(2, List.of("reporting", "notifications")),
    READ_ONLY(3, List.of("write_operations", "integrations")),
    MAINTENANCE_MODE(4, List.of());

    public static final Set<String> MAINTENANCE_ALLOWED = Set.of("health_checks", "status_page");

    private final int number;
    private final List<String> switchesOff;

    DegradationLevel(int number, List<String> switchesOff) {
        this.number = number;
        this.switchesOff = switchesOff;
    }

    public int number() {
        return number;
    }

    public String label() {
        return name().toLowerCase();
    }

    /** The thresholds: score ≥ 4 → 4, ≥ 3 → 3, ≥ 2 → 2, ≥ 1 → 1, else 0. */
    public static DegradationLevel forScore(double score) {
        if (score >= 4) {
            return MAINTENANCE_MODE;
        }
        if (score >= 3) {
            return READ_ONLY;
        }
        if (score >= 2) {
            return ESSENTIAL_ONLY;
        }
        return score >= 1 ? REDUCED_FEATURES : FULL_SERVICE;
    }

    public static DegradationLevel of(int number) {
        for (DegradationLevel level : values()) {
            if (level.number == number) {
                return level;
            }
        }
        throw new IllegalArgumentException("degradation level must be 0-4: " + number);
    }

    /** Features this level switches off, its own and every lower level's. */
    public Set<String> disabled() {
        Set<String> off = new LinkedHashSet<>();
        for (DegradationLevel level : values()) {
            if (level.number <= number) {
                off.addAll(level.switchesOff);
            }
        }
        return off;
    }

    public boolean allows(String feature) {
        if (this == MAINTENANCE_MODE) {
            return MAINTENANCE_ALLOWED.contains(feature);
        }
        return !disabled().contains(feature);
    }

    public DegradationLevel lower() {
        return number == 0 ? this : of(number - 1);
    }

    public DegradationLevel max(DegradationLevel other) {
        return number >= other.number ? this : other;
    }
}
