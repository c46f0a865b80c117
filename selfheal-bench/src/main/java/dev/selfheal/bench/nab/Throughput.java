package dev.selfheal.bench.nab;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Points per second of detection alone: the series are already in memory as instants and
 * doubles, nothing is written; each pass runs fresh detectors over every series, and the
 * median pass is reported (the first pass also warms the JIT and is discarded). Time is the
 * thread's CPU time where the JVM measures it: "on one core" means the work of one core, and on
 * a shared machine wall time would also count the time the thread waited for one.
 */
final class Throughput {

    private Throughput() {
    }

    static double pointsPerSecond(DetectorSpec detector, List<Instant[]> instants, List<double[]> values, int passes) {
        long points = 0;
        for (double[] v : values) {
            points += v.length;
        }
        double sink = 0;
        double[] rates = new double[passes];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        for (int pass = -1; pass < passes; pass++) {
            long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            for (int s = 0; s < values.size(); s++) {
                double[] scores = DetectorRun.scores(detector, instants.get(s), values.get(s));
                sink += scores[scores.length - 1];
            }
            long elapsed = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            if (pass >= 0) {
                rates[pass] = points / (elapsed / 1e9);
            }
        }
        if (sink == -1) {
            System.out.print("");
        }
        Arrays.sort(rates);
        return rates[passes / 2];
    }
}
