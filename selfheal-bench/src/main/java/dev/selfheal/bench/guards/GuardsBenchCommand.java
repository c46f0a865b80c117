package dev.selfheal.bench.guards;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench guards [--quick]}: {@link GuardsBenchmark} under JMH (one fork), with 1
 * and 2 threads, ns/op and bytes allocated per op (GC profiler, {@code gc.alloc.rate.norm}).
 * Prints a table and ends with one RESULT line; the ratios are guard / raw Resilience4j at one
 * thread, and ({@code ratio_contended}) without a time limit with two threads on one guard.
 */
@Command(name = "guards",
        mixinStandardHelpOptions = true,
        description = "Guarded call vs the same composition in raw Resilience4j, Failsafe, and a bare call (JMH).")
public final class GuardsBenchCommand implements Callable<Integer> {

    static final List<String> BENCHMARKS = List.of("guard", "resilience4j", "failsafe", "bare",
            "guardNoTimeLimit", "resilience4jNoTimeLimit", "failsafeNoTimeLimit");

    @Option(names = "--quick", description = "Short warm-up and measurement (about 3.5 minutes) instead of the full run (about 6).")
    boolean quick;

    @Option(names = "--threads", split = ",", description = "Thread counts to run (default: 1,2).")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--paired", description = "Instead of JMH: the guard and raw Resilience4j without a time limit in alternating "
            + "blocks in this JVM, read at the lower quartile of block times; steadier than JMH on a loaded machine (about 1 minute).")
    boolean paired;

    /** One measured cell: mean ns/op with its error, and bytes allocated per op. */
    record Cell(double nsPerOp, double nsError, double bytesPerOp) { }

    @Override
    public Integer call() throws Exception {
        for (int t : threads) {
            if (t < 1) {
                throw new IllegalArgumentException("--threads must be >= 1, got " + t);
            }
        }
        if (paired) {
            return paired();
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (int t : threads) {
            System.out.printf("selfheal bench guards: %s run, %d thread(s)...%n", quick ? "quick" : "full", t);
            for (RunResult run : run(t)) {
                String method = run.getParams().getBenchmark();
                method = method.substring(method.lastIndexOf('.') + 1);
                Result<?> primary = run.getPrimaryResult();
                Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
                cells.put(method + "@" + t, new Cell(primary.getScore(), primary.getScoreError(),
                        alloc == null ? Double.NaN : alloc.getScore()));
            }
        }
        System.out.print(GuardsReport.table(cells, threads));
        System.out.println(GuardsReport.resultLine(cells));
        return 0;
    }

    private Integer paired() throws Exception {
        System.out.printf("selfheal bench guards --paired: guard vs raw Resilience4j, no time limit, 2,000 blocks of 2,000 calls each%n");
        System.out.printf("%-8s %12s %18s %8s%n", "threads", "guard ns/op", "resilience4j ns/op", "ratio");
        StringBuilder result = new StringBuilder("RESULT");
        for (int t : threads) {
            PairedRun.Figures f = PairedRun.run(t, 2_000, 2_000, 3_000_000);
            System.out.printf(java.util.Locale.ROOT, "%-8d %12.1f %18.1f %8.3f%n", t, f.guardNs(), f.resilience4jNs(), f.ratio());
            result.append(String.format(java.util.Locale.ROOT, " paired_ratio_%d_threads=%.3f ns_guard_%d_threads=%.1f ns_resilience4j_%d_threads=%.1f",
                    t, f.ratio(), t, f.guardNs(), t, f.resilience4jNs()));
        }
        System.out.println(result);
        return 0;
    }

    /**
     * A logging config for the forked benchmark JVM: warnings only. Without it logback's default
     * (DEBUG to the console) would log inside the measured calls and measure the console.
     */
    private static String quietLogging() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("selfheal-bench-logback", ".xml");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, """
                <configuration>
                  <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="ERR"/></root>
                </configuration>
                """);
        return file.toAbsolutePath().toString();
    }

    private Collection<RunResult> run(int threadCount) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Pattern.quote(GuardsBenchmark.class.getName()) + "\\.(" + String.join("|", BENCHMARKS) + ")$")
                .forks(1)
                .threads(threadCount)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvmArgsAppend("-Dlogback.configurationFile=" + quietLogging())
                .verbosity(VerboseMode.NORMAL);
        if (quick) {
            // 14 forks of about 13 s: under 4 minutes even on a loaded machine
            options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(4).measurementTime(TimeValue.milliseconds(1500));
        } else {
            options.warmupIterations(5).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        return new ArrayList<>(new Runner(options.build()).run());
    }
}
