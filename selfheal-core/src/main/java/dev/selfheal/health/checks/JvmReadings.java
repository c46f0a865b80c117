package dev.selfheal.health.checks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Where {@link JvmCheck} reads the JVM's state; tests supply their own readings. */
interface JvmReadings {

    /**
     * One look at the JVM.
     *
     * @param heapUsedBytes     heap in use
     * @param heapMaxBytes      the heap's limit (committed size where the JVM sets no limit)
     * @param gcMillisTotal     time spent collecting since the JVM started, all collectors
     * @param uptimeMillis      time since the JVM started
     * @param deadlockedThreads names of threads deadlocked on monitors or locks
     */
    record Sample(long heapUsedBytes, long heapMaxBytes, long gcMillisTotal, long uptimeMillis,
                  List<String> deadlockedThreads) {
        public Sample {
            deadlockedThreads = List.copyOf(deadlockedThreads);
        }
    }

    Sample sample();

    /** The running JVM, through its management beans. */
    static JvmReadings platform() {
        return () -> {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
            long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                    .filter(time -> time > 0) // -1 means "not supported by this collector"
                    .sum();
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            return new Sample(heap.getUsed(), max, gcMillis, uptime, deadlocked(ManagementFactory.getThreadMXBean()));
        };
    }

    private static List<String> deadlocked(ThreadMXBean threads) {
        long[] ids = threads.isSynchronizerUsageSupported() ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        if (ids == null) {
            return List.of();
        }
        return Arrays.stream(threads.getThreadInfo(ids))
                .filter(Objects::nonNull) // a thread may have ended since it was found
                .map(ThreadInfo::getThreadName)
                .toList();
    }
}
