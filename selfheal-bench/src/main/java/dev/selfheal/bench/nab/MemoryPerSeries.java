package dev.selfheal.bench.nab;

import dev.selfheal.anomaly.AnomalyDetector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;

/**
 * Bytes a detector keeps per series, measured: the heap in use after a full GC with N live,
 * warmed-up detectors, minus the heap in use before they were created, divided by N. Each
 * detector is fed a noisy daily-shaped series first, so any state that grows with use is
 * counted. (The field count from {@code AnomalyDetectors.stateBytes} is printed beside it.)
 */
final class MemoryPerSeries {

    private MemoryPerSeries() {
    }

    static long measure(DetectorSpec detector, int series, int pointsEach) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        AnomalyDetector[] live = new AnomalyDetector[series];
        java.util.Random random = new java.util.Random(7);
        for (int s = 0; s < series; s++) {
            live[s] = detector.create();
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < pointsEach; i++) {
                double value = 50 + 20 * Math.sin(i * 2 * Math.PI / 288) + random.nextGaussian();
                live[s].update(t.plusSeconds(300L * i), value);
            }
        }
        long after = usedAfterGc(memory);
        long perSeries = Math.max(0, (after - before) / series);
        if (live[series - 1] == null) {
            throw new IllegalStateException("unreachable: keeps the detectors live until measured");
        }
        return perSeries;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
