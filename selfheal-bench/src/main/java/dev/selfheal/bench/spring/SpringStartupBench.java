package dev.selfheal.bench.spring;

import dev.selfheal.bench.PostgresOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * ready without the starter. The starter is started two ways: on a new SQLite store file (a
 * service's first start: creating and migrating it) and on the store file an earlier start left
 * (a restart, far the more common: the schema is current and Flyway is not run).
 */
@Command(name = "spring-startup", mixinStandardHelpOptions = true,
        description = "Context start time of the example Spring Boot service with and without the selfheal starter.")
public final class SpringStartupBench implements Runnable {

    private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
    private static final Pattern LOOP_READY = Pattern.compile("event=selfheal_started .*jvm_uptime_ms=([0-9]+)");
    /** Linux's USER_HZ, the unit of /proc's CPU times; 100 on every mainstream kernel. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern LOOP_FAILED = Pattern.compile("event=selfheal_start_failed (.*)");
    private static final Pattern STORE_OPENED = Pattern.compile("event=store_opened .*schema=(\\w+)");

    /**
     * One start: Spring's "Started in", the JVM's uptime then, the JVM's uptime when the loop ran
     * (NaN without it), the CPU time the whole process (every thread: main, the loop's start,
     * JIT, GC) had used at each of the two moments, and the CPU time of the application's main
     * thread (the one that builds the context: the start-up's critical path) at context ready,
     * all read from the OS as each line arrives.
     */
    record Start(double contextMs, double uptimeAtContextMs, double uptimeAtLoopMs, double cpuAtContextMs, double cpuAtLoopMs,
                 double mainCpuAtContextMs, String schema) { }
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
            Path kept = dir.resolve("restarted.db");
            start(kept, true); // warms the file cache and the database, and migrates the store the restarts open; not counted
            List<Start> first = new ArrayList<>();
            List<Start> restart = new ArrayList<>();
            List<Start> without = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                first.add(start(newStore(dir), true));
                restart.add(start(kept, true));
                without.add(start(newStore(dir), false));
            }
            report(first, restart, without, loadBefore, loadAverage());
        } catch (IOException e) {
            throw new IllegalStateException("spring-startup: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path newStore(Path dir) throws IOException {
        Path store = Files.createTempFile(dir, "selfheal", ".db");
        Files.delete(store);
        return store;
    }

    private Start start(Path store, boolean enabled) throws IOException, InterruptedException {
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
            String schema = "-";
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
                Matcher opened = STORE_OPENED.matcher(line);
                if (opened.find()) {
                    schema = opened.group(1);
                }
                Matcher failed = LOOP_FAILED.matcher(line);
                if (failed.find()) {
                    throw new IllegalStateException("the starter's loop failed to start: " + failed.group(1));
                }
                if (Double.isFinite(context) && (!enabled || Double.isFinite(loop))) {
                    return new Start(context, uptime, loop, cpuAtContext, cpuAtLoop, mainCpuAtContext, schema);
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

    private void report(List<Start> first, List<Start> restart, List<Start> without, double loadBefore, double loadAfter) {
        System.out.printf(Locale.ROOT, "%-46s %11s %11s %11s%n", "median ms of " + first.size() + " starts each",
                "first start", "restart", "without");
        row("context ready (Started in)", first, restart, without, Start::contextMs);
        row("JVM uptime at context ready", first, restart, without, Start::uptimeAtContextMs);
        row("JVM uptime at loop ready (store open, checks)", first, restart, without, Start::uptimeAtLoopMs);
        row("main thread CPU at context ready", first, restart, without, Start::mainCpuAtContextMs);
        row("process CPU at context ready", first, restart, without, Start::cpuAtContextMs);
        row("process CPU at loop ready", first, restart, without, Start::cpuAtLoopMs);
        System.out.printf(Locale.ROOT, "%-46s %11s %11s%n", "added by the starter (against without)", "first start", "restart");
        Added f = added(first, without);
        Added r = added(restart, without);
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f%n", "  context ready (Started in)", f.context(), r.context());
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f%n", "  main thread CPU by context ready", f.mainCpu(), r.mainCpu());
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f%n", "  process CPU by context ready", f.cpu(), r.cpu());
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f%n", "  process CPU by loop ready", f.cpuByLoop(), r.cpuByLoop());
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f%n", "  loop ready after the baseline's context", f.loop(), r.loop());
        runs("first start", first);
        runs("restart", restart);
        runs("without", without);
        long current = restart.stream().filter(st -> "current".equals(st.schema())).count();
        System.out.printf(Locale.ROOT, "load average (1 min) before / after: %.2f / %.2f on %d cores%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "RESULT runs=%d context_ms_with=%.0f context_ms_without=%.0f added_ms=%.0f ratio=%.3f "
                        + "loop_ready_uptime_ms=%.0f loop_after_baseline_context_ms=%.0f "
                        + "cpu_ms_with=%.0f cpu_ms_without=%.0f cpu_added_ms=%.0f cpu_added_by_loop_ready_ms=%.0f "
                        + "main_thread_cpu_added_ms=%.0f "
                        + "restart_added_ms=%.0f restart_loop_after_baseline_context_ms=%.0f restart_cpu_added_ms=%.0f "
                        + "restart_cpu_added_by_loop_ready_ms=%.0f restart_main_thread_cpu_added_ms=%.0f "
                        + "restarts_on_current_schema=%d load=%.2f%n",
                first.size(), median(first, Start::contextMs), median(without, Start::contextMs), f.context(),
                median(first, Start::contextMs) / median(without, Start::contextMs),
                median(first, Start::uptimeAtLoopMs), f.loop(), median(first, Start::cpuAtContextMs),
                median(without, Start::cpuAtContextMs), f.cpu(), f.cpuByLoop(), f.mainCpu(),
                r.context(), r.loop(), r.cpu(), r.cpuByLoop(), r.mainCpu(), current, (loadBefore + loadAfter) / 2);
    }

    private static void runs(String variant, List<Start> starts) {
        System.out.printf(Locale.ROOT, "runs, %-11s Started in %s, loop ready %s, main CPU %s, store schema %s%n", variant,
                rounded(starts, Start::contextMs), rounded(starts, Start::uptimeAtLoopMs),
                rounded(starts, Start::mainCpuAtContextMs), starts.stream().map(Start::schema).toList());
    }

    /** What the starter added to a variant's medians, against the baseline's. */
    private record Added(double context, double mainCpu, double cpu, double cpuByLoop, double loop) { }

    private static Added added(List<Start> with, List<Start> without) {
        return new Added(median(with, Start::contextMs) - median(without, Start::contextMs),
                median(with, Start::mainCpuAtContextMs) - median(without, Start::mainCpuAtContextMs),
                median(with, Start::cpuAtContextMs) - median(without, Start::cpuAtContextMs),
                median(with, Start::cpuAtLoopMs) - median(without, Start::cpuAtContextMs),
                median(with, Start::uptimeAtLoopMs) - median(without, Start::uptimeAtContextMs));
    }

    private static void row(String name, List<Start> first, List<Start> restart, List<Start> without,
                            java.util.function.ToDoubleFunction<Start> figure) {
        System.out.printf(Locale.ROOT, "%-46s %11.0f %11.0f %11.0f%n", name,
                median(first, figure), median(restart, figure), median(without, figure));
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> figure) {
        return median(starts.stream().map(figure::applyAsDouble).toList());
    }

    private static String rounded(List<Start> starts, java.util.function.ToDoubleFunction<Start> figure) {
        return rounded(starts.stream().map(figure::applyAsDouble).toList());
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

    /** The values rounded to whole ms; "-" for one not measured (the loop, without the starter). */
    private static String rounded(List<Double> values) {
        return values.stream().map(v -> Double.isNaN(v) ? "-" : Long.toString(Math.round(v))).toList().toString();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
