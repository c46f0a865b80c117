package dev.selfheal.server.config;

import dev.selfheal.health.GroupPolicy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Engine-wide health settings.
 *
 * @param maxConcurrentChecks checks running at once, at most (default 256)
 * @param jitter              ratio of the interval by which runs are spread (default 0.1)
 * @param groups              every group and its policy: the defaults (system, database,
 *                            integrations with MAJORITY, performance) plus those configured
 */
public record HealthConfig(int maxConcurrentChecks, double jitter, Map<String, GroupPolicy> groups) {

    public static final int DEFAULT_MAX_CONCURRENT_CHECKS = 256;
    public static final double DEFAULT_JITTER = 0.1;

    public HealthConfig {
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }
}
