package dev.selfheal.bench.scale;

import com.sun.management.OperatingSystemMXBean;
import dev.selfheal.demo.sim.cli.DurationText;
import dev.selfheal.events.CheckCompleted;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.SystemScheduler;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench scale}: many in-memory checks on a short interval, measuring how late
 * each run starts, how many results the engine processes, the CPU it burns and the heap each
 * registered check costs.
 *
 * <p>The baseline, run in the same process right after, is what people write by hand: one
 * {@code scheduleAtFixedRate} per check on a two-thread pool, the check called inline, no
 * timeouts, damping or events. The ratio says what selfheal's guarantees cost over that.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Registers many in-memory checks on a short interval and measures start lag, throughput, CPU and heap per check.")
public final class ScaleBench implements Runnable {

    @Option(names = "--checks", defaultValue = "10000", description = "Checks to register (default ${DEFAULT-VALUE}).")
    int checks;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationText.Converter.class,
            description = "Interval of every check (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationText.Converter.class,
            description = "Measured time of each run, after a warm-up (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationText.Converter.class,
            description = "Warm-up before measuring (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--no-baseline", description = "Skip the hand-written scheduler baseline.")
    boolean noBaseline;

    /** What one run measured. */
    record Figures(String name, Histogram lag, double resultsPerSecond, double cpuCores, double heapBytesPerCheck) { }

    @Override
    public void run() {
        // 10,000 components turning HEALTHY at start would otherwise log 10,000 lines into the measurement.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf(Locale.ROOT, "selfheal bench scale: %d checks every %s, %s measured after %s warm-up, %d cores%n%n",
                checks, interval, duration, warmup, Runtime.getRuntime().availableProcessors());
        Figures engine = measureEngine();
        Figures baseline = noBaseline ? null : measureBaseline();

        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %10s %10s %10s %14s %12s %16s%n",
                "", "lag p50 ms", "lag p99 ms", "lag max ms", "results/s", "CPU cores", "heap B/check");
        print(engine);
        if (baseline != null) {
            print(baseline);
            System.out.printf(Locale.ROOT, "%nselfheal / baseline: CPU %.2fx, lag p99 %.2fx%n",
                    engine.cpuCores / baseline.cpuCores, ms(engine.lag.getValueAtPercentile(99)) / Math.max(0.001, ms(baseline.lag.getValueAtPercentile(99))));
        }
        System.out.printf(Locale.ROOT, "RESULT checks=%d lag_p99_ms=%.2f results_per_s=%.0f cpu_cores=%.3f heap_bytes_per_check=%.0f%s%n",
                checks, ms(engine.lag.getValueAtPercentile(99)), engine.resultsPerSecond, engine.cpuCores, engine.heapBytesPerCheck,
                baseline == null ? "" : String.format(Locale.ROOT, " baseline_lag_p99_ms=%.2f baseline_cpu_cores=%.3f cpu_ratio_vs_baseline=%.2f",
                        ms(baseline.lag.getValueAtPercentile(99)), baseline.cpuCores, engine.cpuCores / baseline.cpuCores));
    }

    private Figures measureEngine() {
        Recorder lag = new Recorder(3);
        LongAdder results = new LongAdder();
        long heapBefore = settledHeap();
        SystemScheduler scheduler = new SystemScheduler();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        EventBus bus = new EventBus();
        bus.subscribe(CheckCompleted.class, e -> results.increment());
        HealthCheckManager manager = new HealthCheckManager(scheduler, executor, bus,
                HealthSettings.defaults().withStartLagListener(lag::recordValue));
        try {
            for (int i = 0; i < checks; i++) {
                manager.register(CheckDefinition.builder("check-" + i, new InMemoryCheck(i))
                        .group(i % 4 == 0 ? "integrations" : "system")
                        .interval(interval).timeout(Duration.ofSeconds(5)).build());
            }
            manager.start();
            Figures figures = measure("selfheal HealthCheckManager", lag, results, heapBefore);
            System.out.printf(Locale.ROOT, "  engine stats: %s%n", manager.stats());
            return figures;
        } finally {
            manager.close();
            scheduler.close();
            executor.shutdownNow();
        }
    }

    private Figures measureBaseline() {
        Recorder lag = new Recorder(3);
        LongAdder results = new LongAdder();
        long heapBefore = settledHeap();
        var pool = new java.util.concurrent.ScheduledThreadPoolExecutor(2);
        long intervalNanos = interval.toNanos();
        var random = new java.util.SplittableRandom(1);
        try {
            for (int i = 0; i < checks; i++) {
                HealthCheck check = new InMemoryCheck(i);
                long offset = random.nextLong(intervalNanos);
                long firstDue = System.nanoTime() + offset;
                long[] runs = {0};
                pool.scheduleAtFixedRate(() -> {
                    long due = firstDue + runs[0]++ * intervalNanos;
                    lag.recordValue(Math.max(0, System.nanoTime() - due));
                    try {
                        check.check();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    results.increment();
                }, offset, intervalNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            return measure("baseline scheduleAtFixedRate", lag, results, heapBefore);
        } finally {
            pool.shutdownNow();
        }
    }

    private Figures measure(String name, Recorder lag, LongAdder results, long heapBefore) {
        System.out.printf(Locale.ROOT, "%s: warming up %s ...%n", name, warmup);
        sleep(warmup);
        long heapAfter = settledHeap();
        lag.reset();
        results.reset();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long wallStart = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s: measuring %s ...%n", name, duration);
        sleep(duration);
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuStart;
        Histogram histogram = lag.getIntervalHistogram();
        return new Figures(name, histogram, results.sum() * 1e9 / wall, (double) cpu / wall,
                (double) (heapAfter - heapBefore) / checks);
    }

    /** Heap in use after the collector has settled: several full GCs until it stops shrinking. */
    private static long settledHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 10; i++) {
            System.gc();
            sleep(Duration.ofMillis(100));
            used = memory.getHeapMemoryUsage().getUsed();
            if (used >= previous - 64 * 1024) {
                break;
            }
            previous = used;
        }
        return used;
    }

    private static void print(Figures f) {
        System.out.printf(Locale.ROOT, "%-28s %10.2f %10.2f %10.2f %14.0f %12.3f %16.0f%n", f.name,
                ms(f.lag.getValueAtPercentile(50)), ms(f.lag.getValueAtPercentile(99)), ms(f.lag.getMaxValue()),
                f.resultsPerSecond, f.cpuCores, f.heapBytesPerCheck);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A check on in-process state: what an embedded service registers for a cache or a queue. */
    private static final class InMemoryCheck implements HealthCheck {
        private final int id;
        private volatile long depth;

        InMemoryCheck(int id) {
            this.id = id;
        }

        @Override
        public HealthCheckResult check() {
            long current = ++depth;
            return (current + id) % 1000 == 0 ? HealthCheckResult.degraded("queue deep") : HealthCheckResult.healthy("ok");
        }
    }
}
