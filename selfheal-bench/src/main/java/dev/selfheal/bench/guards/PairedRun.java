package dev.selfheal.bench.guards;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;

/**
 * The guard without a time limit against the same composition in raw Resilience4j, called in
 * alternating blocks in one JVM ({@code bench guards --paired}): a block of guarded calls, then
 * a block of Resilience4j calls, and so on, each block timed. On a machine shared with other
 * work the JMH figures move with the load between one benchmark's fork and the other's; here
 * both see the same load, block by block. A block the scheduler preempts is a slow outlier, so
 * each side is read at the lower quartile of its block times: a block that ran uninterrupted.
 * With several threads, all call the same guard (or the same Resilience4j decorators) at once.
 */
final class PairedRun {

    /** Nanoseconds per call at the lower quartile of block times, each side. */
    record Figures(int threads, double guardNs, double resilience4jNs) {
        double ratio() {
            return guardNs / resilience4jNs;
        }
    }

    private static volatile Object sink;

    private PairedRun() { }

    static Figures run(int threads, int blocks, int callsPerBlock, int warmupCalls) throws Exception {
        GuardsBenchmark bench = new GuardsBenchmark();
        bench.setUp();
        try {
            for (int i = 0; i < warmupCalls; i++) {
                sink = bench.guardNoTimeLimit();
                sink = bench.resilience4jNoTimeLimit();
            }
            CyclicBarrier together = new CyclicBarrier(threads);
            double[][] guard = new double[threads][blocks];
            double[][] raw = new double[threads][blocks];
            Thread[] callers = new Thread[threads];
            Exception[] failed = new Exception[1];
            for (int t = 0; t < threads; t++) {
                int id = t;
                callers[t] = Thread.ofPlatform().name("paired-" + t).start(() -> {
                    try {
                        for (int b = 0; b < blocks; b++) {
                            together.await();
                            long start = System.nanoTime();
                            for (int i = 0; i < callsPerBlock; i++) {
                                sink = bench.guardNoTimeLimit();
                            }
                            guard[id][b] = (System.nanoTime() - start) / (double) callsPerBlock;
                            together.await();
                            start = System.nanoTime();
                            for (int i = 0; i < callsPerBlock; i++) {
                                sink = bench.resilience4jNoTimeLimit();
                            }
                            raw[id][b] = (System.nanoTime() - start) / (double) callsPerBlock;
                        }
                    } catch (Exception e) {
                        failed[0] = e;
                        together.reset();
                    }
                });
            }
            for (Thread caller : callers) {
                caller.join();
            }
            if (failed[0] != null) {
                throw failed[0];
            }
            return new Figures(threads, lowerQuartile(guard), lowerQuartile(raw));
        } finally {
            bench.tearDown();
        }
    }

    private static double lowerQuartile(double[][] perThread) {
        double[] all = Arrays.stream(perThread).flatMapToDouble(Arrays::stream).sorted().toArray();
        return all[all.length / 4];
    }
}
