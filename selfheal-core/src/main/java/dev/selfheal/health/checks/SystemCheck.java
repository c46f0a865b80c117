package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine's CPU load and physical memory in use, against the default performance thresholds
 * (CPU 80 % / 95 %, memory 85 % / 95 %). A CPU load the OS cannot report yet (the first reading
 * after start) is left out rather than counted as zero.
 */
public final class SystemCheck implements HealthCheck {

    /**
     * Ratios in [0, 1]; a reading above a threshold reaches its status.
     *
     * @param cpuLoadDegraded     CPU load above this is DEGRADED (default 0.80)
     * @param cpuLoadUnhealthy    ... UNHEALTHY (default 0.95)
     * @param memoryUsedDegraded  share of physical memory in use above this is DEGRADED (default 0.85)
     * @param memoryUsedUnhealthy ... UNHEALTHY (default 0.95)
     */
    public record Settings(double cpuLoadDegraded, double cpuLoadUnhealthy,
                           double memoryUsedDegraded, double memoryUsedUnhealthy) {

        public Settings {
            Require.usedThresholds(cpuLoadDegraded, "cpu-load-degraded", cpuLoadUnhealthy, "cpu-load-unhealthy");
            Require.usedThresholds(memoryUsedDegraded, "memory-used-degraded", memoryUsedUnhealthy, "memory-used-unhealthy");
        }

        public static Settings defaults() {
            return new Settings(0.80, 0.95, 0.85, 0.95);
        }
    }

    private final Settings settings;
    private final SystemReadings readings;

    public SystemCheck(Settings settings) {
        this(settings, SystemReadings.platform());
    }

    SystemCheck(Settings settings, SystemReadings readings) {
        this.settings = Require.nonNull(settings, "settings");
        this.readings = Require.nonNull(readings, "readings");
    }

    @Override
    public HealthCheckResult check() {
        SystemReadings.Sample now = readings.sample();
        double memoryUsed = now.totalMemoryBytes() > 0
                ? 1.0 - (double) now.availableMemoryBytes() / now.totalMemoryBytes() : 0.0;
        List<String> problems = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus status = HealthStatus.HEALTHY;
        if (now.cpuLoad().isPresent()) {
            double cpu = now.cpuLoad().getAsDouble();
            details.put("cpu_load", cpu);
            status = ThresholdStatus.above("CPU load", cpu, settings.cpuLoadDegraded(), settings.cpuLoadUnhealthy(), problems);
        }
        status = HealthStatus.worse(status, ThresholdStatus.above("memory used", memoryUsed,
                settings.memoryUsedDegraded(), settings.memoryUsedUnhealthy(), problems));
        details.put("memory_total_bytes", now.totalMemoryBytes());
        details.put("memory_available_bytes", now.availableMemoryBytes());
        details.put("memory_used_ratio", memoryUsed);
        String message = problems.isEmpty()
                ? "CPU load " + now.cpuLoad().stream().mapToObj(ThresholdStatus::percent).findFirst().orElse("not known yet")
                        + ", memory used " + ThresholdStatus.percent(memoryUsed)
                : String.join("; ", problems);
        return HealthCheckResult.of(status, message, details);
    }

    @Override
    public String toString() {
        return "SystemCheck" + settings;
    }
}
