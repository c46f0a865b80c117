package dev.selfheal.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Engine-wide settings of the {@link HealthCheckManager}.
 *
 * @param maxConcurrentChecks checks running at once, at most; more wait their turn (their
 *                            timeout keeps counting, so a queue of slow checks fails loudly)
 * @param jitterRatio         each run is moved by up to ±ratio/2 of its interval, and the first
 *                            run by up to one interval, so 10,000 checks do not fire together
 * @param randomSeed          seed of the jitter, for reproducible tests
 * @param groups              the groups reported even when empty, and their policies; groups
 *                            met in check definitions and not listed here use {@link GroupPolicy#WORST}
 * @param startLagListener    told, for every scheduled run, how many nanoseconds it started
 *                            after it was due (the scale bench measures with it)
 */
public record HealthSettings(
        int maxConcurrentChecks,
        double jitterRatio,
        long randomSeed,
        Map<String, GroupPolicy> groups,
        LongConsumer startLagListener) {

    public static final Map<String, GroupPolicy> DEFAULT_GROUPS = defaultGroups();

    public HealthSettings {
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("max-concurrent-checks must be at least 1: " + maxConcurrentChecks);
        }
        if (!(jitterRatio >= 0 && jitterRatio <= 1)) {
            throw new IllegalArgumentException("jitter ratio must be within [0, 1]: " + jitterRatio);
        }
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        Objects.requireNonNull(startLagListener, "startLagListener");
    }

    public static HealthSettings defaults() {
        return new HealthSettings(256, 0.1, System.nanoTime(), DEFAULT_GROUPS, lag -> { });
    }

    public HealthSettings withMaxConcurrentChecks(int value) {
        return new HealthSettings(value, jitterRatio, randomSeed, groups, startLagListener);
    }

    public HealthSettings withJitter(double ratio, long seed) {
        return new HealthSettings(maxConcurrentChecks, ratio, seed, groups, startLagListener);
    }

    public HealthSettings withGroups(Map<String, GroupPolicy> value) {
        return new HealthSettings(maxConcurrentChecks, jitterRatio, randomSeed, value, startLagListener);
    }

    public HealthSettings withStartLagListener(LongConsumer value) {
        return new HealthSettings(maxConcurrentChecks, jitterRatio, randomSeed, groups, value);
    }

    public GroupPolicy policyOf(String group) {
        return groups.getOrDefault(group, GroupPolicy.WORST);
    }

    private static Map<String, GroupPolicy> defaultGroups() {
        Map<String, GroupPolicy> groups = new LinkedHashMap<>();
        for (String name : List.of("system", "database", "integrations", "performance")) {
            groups.put(name, name.equals("integrations") ? GroupPolicy.MAJORITY : GroupPolicy.WORST);
        }
        return java.util.Collections.unmodifiableMap(groups);
    }
}
