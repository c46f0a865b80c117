package dev.selfheal.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * CPU and memory of this process's host and JVM, as one component (by default {@code jvm}):
 * CPU is the whole machine's recent CPU load (what the default CPU limit is about), memory is
 * the heap in use over the heap the JVM may grow to. Both readings are injectable so that
 * tests do not depend on the machine they run on. A reading the platform cannot give (negative
 * or NaN) is left out.
 */
public final class JvmAndOsSource implements MetricSource {

    private final String component;
    private final DoubleSupplier cpu;
    private final DoubleSupplier memory;

    public JvmAndOsSource(String component, DoubleSupplier cpu, DoubleSupplier memory) {
        this.component = component;
        this.cpu = cpu;
        this.memory = memory;
    }

    /** The platform's readings: {@code OperatingSystemMXBean.getCpuLoad()} and heap used over heap max. */
    public static JvmAndOsSource platform(String component) {
        var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new JvmAndOsSource(component, () -> os == null ? Double.NaN : os.getCpuLoad(), () -> {
            var heap = memory.getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            return max <= 0 ? Double.NaN : (double) heap.getUsed() / max;
        });
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public List<Measurement> collect(Instant now) {
        List<Measurement> out = new ArrayList<>(2);
        add(out, MetricKind.CPU_USAGE, cpu.getAsDouble(), now);
        add(out, MetricKind.MEMORY_USAGE, memory.getAsDouble(), now);
        return out;
    }

    private void add(List<Measurement> out, MetricKind kind, double value, Instant now) {
        if (value >= 0 && value <= 1) {
            out.add(new Measurement(component, kind, value, now));
        }
    }
}
