package dev.selfheal.bench.spring;

import dev.selfheal.bench.PostgresOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the Spring Boot starter adds to an application's start: the example orders service is
 * started in fresh JVMs, alternately with {@code selfheal.enabled=true} and {@code false} (same
 * jar, same class path). Two moments are read from each start's log: the context ready (Spring's
 * own "Started ... in N seconds (process running for M)"), and, with the starter, the loop ready
 * (its {@code event=selfheal_started ... jvm_uptime_ms=U}, written once the store is open and the
 * checks run). The starter's cost on the context is the difference of the "Started in" medians;
 * on the loop, the median JVM uptime at loop ready against the median JVM uptime at context
 * ready without the starter. Each start uses a new SQLite store file, so the loop figure includes
 * creating and migrating it.
 */
@Command(name = "spring-startup", mixinStandardHelpOptions = true,
        description = "Context start time of the example Spring Boot service with and without the selfheal starter.")
public final class SpringStartupBench implements Runnable {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern LOOP_READY = Pattern.compile("event=selfheal_started .*jvm_uptime_ms=([0-9]+)");
    /** Linux's USER_HZ, the unit of /proc's CPU times; 100 on every mainstream kernel. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern LOOP_FAILED = Pattern.compile("event=selfheal_start_failed (.*)");

    /**
     * One start: Spring's "Started in", the JVM's uptime then, the JVM's uptime when the loop ran
     * (NaN without it), the CPU time the whole process (every thread: main, the loop's start,
     * JIT, GC) had used at each of the two moments, and the CPU time of the application's main
     * thread (the one that builds the context: the start-up's critical path) at context ready,
     * all read from the OS as each line arrives.
     */
    record Start(double contextMs, double uptimeAtContextMs, double uptimeAtLoopMs, double cpuAtContextMs, double cpuAtLoopMs,
                 double mainCpuAtContextMs) { }
    private static final String JAR = "examples/spring-boot-service/target/selfheal-example-spring-boot-service-0.1.0-SNAPSHOT.jar";

    @Option(names = "--runs", defaultValue = "5", description = "Starts of each variant (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jar", defaultValue = JAR, description = "The example service's jar (default ${DEFAULT-VALUE}).")
    Path jar;

    /** The PostgreSQL database the service uses. */
    @Mixin
    PostgresOptions postgres;

    @Override
    public void run() {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no example jar at " + jar + ": build it first with "
                    + "'mvn -q -pl examples/spring-boot-service -am package -DskipTests'");
        }
        try {
            Path dir = Files.createTempDirectory("selfheal-spring-startup");
            double loadBefore = loadAverage();
            start(dir, true); // warms the file cache and the database; not counted
            List<Start> with = new ArrayList<>();
            List<Start> without = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                with.add(start(dir, true));
                without.add(start(dir, false));
            }
            report(with, without, loadBefore, loadAverage());
        } catch (IOException e) {
            throw new IllegalStateException("spring-startup: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Start start(Path dir, boolean enabled) throws IOException, InterruptedException {
        Path store = Files.createTempFile(dir, "selfheal", ".db");
        Files.delete(store);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(),
                "--server.port=0",
                "--spring.datasource.url=" + postgres.url(),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.sql.init.mode=never",
                "--selfheal.enabled=" + enabled,
                "--selfheal.store.use-application-datasource=false",
                "--selfheal.store.url=jdbc:sqlite:" + store)
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
            double context = Double.NaN;
            double uptime = Double.NaN;
            double loop = Double.NaN;
            double cpuAtContext = Double.NaN;
            double cpuAtLoop = Double.NaN;
            double mainCpuAtContext = Double.NaN;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (last.size() == 15) {
                    last.removeFirst();
                }
                last.addLast(line);
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    context = Double.parseDouble(started.group(1)) * 1000;
                    uptime = Double.parseDouble(started.group(2)) * 1000;
                    cpuAtContext = cpuMs(process);
                    mainCpuAtContext = mainThreadCpuMs(process.pid());
                }
                Matcher ready = LOOP_READY.matcher(line);
                if (ready.find()) {
                    loop = Double.parseDouble(ready.group(1));
                    cpuAtLoop = cpuMs(process);
                }
                Matcher failed = LOOP_FAILED.matcher(line);
                if (failed.find()) {
                    throw new IllegalStateException("the starter's loop failed to start: " + failed.group(1));
                }
                if (Double.isFinite(context) && (!enabled || Double.isFinite(loop))) {
                    return new Start(context, uptime, loop, cpuAtContext, cpuAtLoop, mainCpuAtContext);
                }
            }
            throw new IllegalStateException("the example service exited with " + process.waitFor()
                    + " before it said it had started" + (enabled ? " and its loop ran" : "") + "; its last lines:\n"
                    + String.join("\n", last));
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void report(List<Start> with, List<Start> without, double loadBefore, double loadAfter) {
        double contextWith = median(with.stream().map(Start::contextMs).toList());
        double contextWithout = median(without.stream().map(Start::contextMs).toList());
        double uptimeWith = median(with.stream().map(Start::uptimeAtContextMs).toList());
        double uptimeWithout = median(without.stream().map(Start::uptimeAtContextMs).toList());
        double loop = median(with.stream().map(Start::uptimeAtLoopMs).toList());
        System.out.printf(Locale.ROOT, "%-44s %10s   %s%n", "moment", "median ms", "runs (ms)");
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "context ready, with the starter (Started in)",
                contextWith, rounded(with.stream().map(Start::contextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "context ready, selfheal.enabled=false",
                contextWithout, rounded(without.stream().map(Start::contextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "  added to the context by the starter", contextWith - contextWithout);
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "JVM uptime at context ready, with",
                uptimeWith, rounded(with.stream().map(Start::uptimeAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "JVM uptime at context ready, without",
                uptimeWithout, rounded(without.stream().map(Start::uptimeAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "JVM uptime at loop ready (store open, checks run)",
                loop, rounded(with.stream().map(Start::uptimeAtLoopMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "  loop ready after the baseline's context", loop - uptimeWithout);
        double cpuWith = median(with.stream().map(Start::cpuAtContextMs).toList());
        double cpuWithout = median(without.stream().map(Start::cpuAtContextMs).toList());
        double cpuLoop = median(with.stream().map(Start::cpuAtLoopMs).toList());
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "process CPU at context ready, with",
                cpuWith, rounded(with.stream().map(Start::cpuAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "process CPU at context ready, without",
                cpuWithout, rounded(without.stream().map(Start::cpuAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "  CPU added by the starter by context ready", cpuWith - cpuWithout);
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "process CPU at loop ready",
                cpuLoop, rounded(with.stream().map(Start::cpuAtLoopMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "  CPU added by the starter by loop ready", cpuLoop - cpuWithout);
        double mainWith = median(with.stream().map(Start::mainCpuAtContextMs).toList());
        double mainWithout = median(without.stream().map(Start::mainCpuAtContextMs).toList());
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "main thread CPU at context ready, with",
                mainWith, rounded(with.stream().map(Start::mainCpuAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f   %s%n", "main thread CPU at context ready, without",
                mainWithout, rounded(without.stream().map(Start::mainCpuAtContextMs).toList()));
        System.out.printf(Locale.ROOT, "%-44s %10.0f%n", "  added on the start-up thread", mainWith - mainWithout);
        System.out.printf(Locale.ROOT, "load average (1 min) before / after: %.2f / %.2f on %d cores%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "RESULT runs=%d context_ms_with=%.0f context_ms_without=%.0f added_ms=%.0f ratio=%.3f "
                        + "loop_ready_uptime_ms=%.0f loop_after_baseline_context_ms=%.0f "
                        + "cpu_ms_with=%.0f cpu_ms_without=%.0f cpu_added_ms=%.0f cpu_added_by_loop_ready_ms=%.0f "
                        + "main_thread_cpu_added_ms=%.0f load=%.2f%n",
                with.size(), contextWith, contextWithout, contextWith - contextWithout, contextWith / contextWithout,
                loop, loop - uptimeWithout, cpuWith, cpuWithout, cpuWith - cpuWithout, cpuLoop - cpuWithout,
                mainWith - mainWithout, (loadBefore + loadAfter) / 2);
    }

    private static double cpuMs(Process process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    /**
     * The CPU time of the JVM's main thread, from Linux's {@code /proc/<pid>/task}: the launcher
     * starts it right after the process's first thread, so it is the second task (named
     * {@code java}). NaN where there is no {@code /proc}.
     */
    static double mainThreadCpuMs(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            List<Long> ids = tasks.map(t -> Long.parseLong(t.getFileName().toString())).sorted().toList();
            if (ids.size() < 2) {
                return Double.NaN;
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "task", ids.get(1).toString(), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String rounded(List<Double> values) {
        return Arrays.toString(values.stream().mapToLong(Math::round).toArray());
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
