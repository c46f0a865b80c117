package dev.selfheal.health.checks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Where {@link SystemCheck} reads the machine's load and memory; tests supply their own readings. */
interface SystemReadings {

    /**
     * One look at the machine (or the container the JVM runs in).
     *
     * @param cpuLoad         recent CPU use of the whole machine, 0-1; empty while the OS cannot tell yet
     * @param totalMemoryBytes physical memory
     * @param availableMemoryBytes memory that can be had without swapping
     */
    record Sample(OptionalDouble cpuLoad, long totalMemoryBytes, long availableMemoryBytes) { }

    Sample sample();

    /** The operating system, through {@link com.sun.management.OperatingSystemMXBean}. */
    static SystemReadings platform() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return () -> {
            double load = os.getCpuLoad();
            long total = os.getTotalMemorySize();
            long available = linuxAvailable(total).orElse(os.getFreeMemorySize());
            return new Sample(load < 0 || Double.isNaN(load) ? OptionalDouble.empty() : OptionalDouble.of(load),
                    total, available);
        };
    }

    /**
     * On Linux the bean's "free" memory leaves out the page cache, which the kernel hands back on
     * demand, so a healthy machine with a warm cache would read as nearly full. /proc/meminfo's
     * MemAvailable counts it; it is used when it describes the same memory the bean does (not
     * inside a container whose limit the bean reports instead).
     */
    private static OptionalLong linuxAvailable(long beanTotal) {
        Path meminfo = Path.of("/proc/meminfo");
        if (!Files.isReadable(meminfo)) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(meminfo);
            OptionalLong total = kilobytes(lines, "MemTotal:");
            OptionalLong available = kilobytes(lines, "MemAvailable:");
            if (total.isPresent() && available.isPresent() && total.getAsLong() == beanTotal) {
                return available;
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong kilobytes(List<String> lines, String key) {
        return lines.stream()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(key.length()).strip().split("\\s+")[0])
                .mapToLong(number -> Long.parseLong(number) * 1024)
                .findFirst();
    }
}
