package dev.selfheal.server.daemon;

import com.sun.management.OperatingSystemMXBean;
import dev.selfheal.degradation.DegradationInputs;
import dev.selfheal.health.HealthCheckManager;
import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * What the degradation score is computed from in the daemon: the health report, and this
 * host's CPU and memory use unless {@code healing.degradation.host-resources: false} (the
 * watched services run elsewhere), and the performance violations standing now when the
 * {@code performance:} monitor runs (else 0). Remembers the last inputs, so the API can show
 * the parts of the score.
 */
final class DegradationInputsSource implements Supplier<DegradationInputs> {

    private final HealthCheckManager health;
    private final boolean hostResources;
    private final OperatingSystemMXBean os;
    private volatile DegradationInputs last = DegradationInputs.HEALTHY;
    private volatile java.util.function.IntSupplier violations = () -> 0;

    DegradationInputsSource(HealthCheckManager health, boolean hostResources) {
        this.health = health;
        this.hostResources = hostResources;
        this.os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    }

    @Override
    public DegradationInputs get() {
        double cpu = Double.NaN;
        double memory = Double.NaN;
        if (hostResources && os != null) {
            double load = os.getCpuLoad();
            cpu = load < 0 ? Double.NaN : load;
            long total = os.getTotalMemorySize();
            long available = memAvailable().orElse(os.getFreeMemorySize());
            memory = total <= 0 ? Double.NaN : 1.0 - (double) available / total;
        }
        DegradationInputs inputs = DegradationInputs.from(health.report(), violations.getAsInt(), cpu, memory);
        last = inputs;
        return inputs;
    }

    /**
     * Linux's MemAvailable: free memory plus the page cache that can be dropped. "Free" alone
     * would call every busy Linux host out of memory.
     */
    private static java.util.Optional<Long> memAvailable() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return java.util.Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not readable: the JVM's free memory figure is used instead
        }
        return java.util.Optional.empty();
    }

    /** Counts the performance violations {@code source} reports in every later assessment. */
    void countViolations(java.util.function.IntSupplier source) {
        this.violations = source;
    }

    /** The inputs of the last assessment. */
    DegradationInputs last() {
        return last;
    }
}
