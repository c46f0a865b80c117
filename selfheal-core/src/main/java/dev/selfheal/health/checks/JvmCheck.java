package dev.selfheal.health.checks;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health of the JVM this check runs in: heap used against its limit, the share of wall time
 * spent collecting garbage since the previous run, and deadlocked threads.
 *
 * <p>GC overhead is measured between runs, not since start, so that a JVM which collected hard
 * an hour ago but is calm now reads as calm. The first run has no previous reading and measures
 * since the JVM started instead.
 */
public final class JvmCheck implements HealthCheck {

    /**
     * Ratios in [0, 1]; a reading above a threshold reaches its status.
     *
     * @param heapUsedDegraded    heap used / max above this is DEGRADED (default 0.85)
     * @param heapUsedUnhealthy   ... UNHEALTHY (default 0.95)
     * @param gcOverheadDegraded  share of time in GC above this is DEGRADED (default 0.10)
     * @param gcOverheadUnhealthy ... UNHEALTHY (default 0.25)
     */
    public record Settings(double heapUsedDegraded, double heapUsedUnhealthy,
                           double gcOverheadDegraded, double gcOverheadUnhealthy) {

        public Settings {
            Require.usedThresholds(heapUsedDegraded, "heap-used-degraded", heapUsedUnhealthy, "heap-used-unhealthy");
            Require.usedThresholds(gcOverheadDegraded, "gc-overhead-degraded", gcOverheadUnhealthy, "gc-overhead-unhealthy");
        }

        public static Settings defaults() {
            return new Settings(0.85, 0.95, 0.10, 0.25);
        }
    }

    private final Settings settings;
    private final JvmReadings readings;
    private Optional<JvmReadings.Sample> previous = Optional.empty();

    public JvmCheck(Settings settings) {
        this(settings, JvmReadings.platform());
    }

    JvmCheck(Settings settings, JvmReadings readings) {
        this.settings = Require.nonNull(settings, "settings");
        this.readings = Require.nonNull(readings, "readings");
    }

    @Override
    public synchronized HealthCheckResult check() {
        JvmReadings.Sample now = readings.sample();
        double heapUsed = now.heapMaxBytes() > 0 ? (double) now.heapUsedBytes() / now.heapMaxBytes() : 0.0;
        double gcOverhead = gcOverhead(previous, now);
        previous = Optional.of(now);

        HealthStatus status = HealthStatus.HEALTHY;
        List<String> problems = new ArrayList<>();
        if (!now.deadlockedThreads().isEmpty()) {
            status = HealthStatus.UNHEALTHY;
            problems.add("deadlocked threads: " + String.join(", ", now.deadlockedThreads()));
        }
        status = HealthStatus.worse(status, ThresholdStatus.above("heap used", heapUsed,
                settings.heapUsedDegraded(), settings.heapUsedUnhealthy(), problems));
        status = HealthStatus.worse(status, ThresholdStatus.above("GC overhead", gcOverhead,
                settings.gcOverheadDegraded(), settings.gcOverheadUnhealthy(), problems));

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("heap_used_bytes", now.heapUsedBytes());
        details.put("heap_max_bytes", now.heapMaxBytes());
        details.put("heap_used_ratio", heapUsed);
        details.put("gc_overhead", gcOverhead);
        details.put("deadlocked_threads", now.deadlockedThreads().size());
        String message = problems.isEmpty()
                ? "heap used " + ThresholdStatus.percent(heapUsed) + ", GC overhead " + ThresholdStatus.percent(gcOverhead)
                        + ", no deadlocks"
                : String.join("; ", problems);
        return HealthCheckResult.of(status, message, details);
    }

    private static double gcOverhead(Optional<JvmReadings.Sample> before, JvmReadings.Sample now) {
        long gcMillis = now.gcMillisTotal() - before.map(JvmReadings.Sample::gcMillisTotal).orElse(0L);
        long wallMillis = now.uptimeMillis() - before.map(JvmReadings.Sample::uptimeMillis).orElse(0L);
        if (wallMillis <= 0 || gcMillis <= 0) {
            return 0.0; // two runs within the same millisecond, or no collection at all
        }
        return Math.min(1.0, (double) gcMillis / wallMillis);
    }

    @Override
    public String toString() {
        return "JvmCheck" + settings;
    }
}
