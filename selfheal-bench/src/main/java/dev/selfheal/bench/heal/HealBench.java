package dev.selfheal.bench.heal;

import dev.selfheal.bench.DataDirOption;
import dev.selfheal.demo.sim.cli.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench heal}: repeated crash, hang and error-storm faults against real API
 * simulator processes, healed by the selfheal daemon and, in the same run and on the same
 * schedule, by a Kubernetes-style baseline (liveness probe every 10 s with a 1 s timeout,
 * restart after 3 failures, restart of exited containers, CrashLoopBackOff 10 s doubling to
 * 300 s). Per fault kind and system: detection and MTTR p50/p95 and how many recovered.
 * Method and figures: docs/bench-heal.md.
 */
@Command(name = "heal", mixinStandardHelpOptions = true,
        description = "Crash, hang and error-storm faults against real simulator processes, healed by the selfheal daemon "
                + "and by a Kubernetes-style liveness-probe baseline in the same run: detection and MTTR p50/p95, recovered/total.")
public final class HealBench implements Runnable {

    @Option(names = "--repetitions", defaultValue = "10", description = "Faults of each kind (default ${DEFAULT-VALUE}; at least 10 for a full run).")
    int repetitions;

    @Option(names = "--quick", description = "A smoke run: 3 faults of each kind.")
    boolean quick;

    @Option(names = "--services", defaultValue = "2", description = "Simulators per system, alternately GitHub and Codegen (default ${DEFAULT-VALUE}).")
    int services;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--print-config", description = "Print the daemon config (YAML) the bench would run, and exit.")
    boolean printConfig;

    @Option(names = "--carry-backoff", description = "Keep the baseline's restart back-off from one fault to the next "
            + "(default: each fault starts with none, as after 10 minutes of stability).")
    boolean carryBackoff;

    @Option(names = "--trial-timeout", defaultValue = "90s", converter = DurationText.Converter.class,
            description = "How long a fault may take to be healed before it counts as not recovered (default ${DEFAULT-VALUE}).")
    Duration trialTimeout;

    @Override
    public void run() {
        int reps = quick ? 3 : repetitions;
        Path dir = dataDir.orNewTemporary("heal");
        HealHarness.Settings settings = new HealHarness.Settings(services, carryBackoff ? trialTimeout.plusSeconds(310) : trialTimeout,
                carryBackoff, 1);
        if (printConfig) {
            System.out.print(HealHarness.previewConfig(settings, dir));
            return;
        }
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal")).setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.javalin")).setLevel(ch.qos.logback.classic.Level.WARN);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf(Locale.ROOT, "selfheal bench heal: %d faults of each kind (crash, hang, error-storm) on %d simulators per system, %d cores%n",
                reps, services, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "data and config: %s%n", dir);
        List<TrialResult> results = new ArrayList<>();
        try (HealHarness harness = HealHarness.start(settings, dir)) {
            System.out.printf(Locale.ROOT, "daemon API: %s (config %s)%n%n", harness.daemon().baseUri(), harness.configFile());
            int n = 0;
            for (int r = 0; r < reps; r++) {
                for (FaultKind kind : FaultKind.values()) {
                    int service = n++ % services;
                    for (TrialResult t : harness.trial(service, kind)) {
                        results.add(t);
                        System.out.printf(Locale.ROOT, "  %-11s %-8s %-16s detect %6s ms  mttr %6s ms  back %6s ms  %s  %s%n",
                                kind.label(), t.system(), t.service(), show(t.detection()), show(t.mttr()), show(t.back()),
                                t.recovered() ? "recovered" : "NOT RECOVERED", t.note().strip());
                    }
                }
            }
        }
        System.out.println();
        System.out.print(table(results));
        System.out.println(resultLine(results));
    }

    /** The table: per fault kind and system, then all faults per system. */
    static String table(List<TrialResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-12s %-9s %12s %12s %10s %10s %10s %10s %10s%n",
                "fault", "system", "detect p50", "detect p95", "mttr p50", "mttr p95", "back p50", "back p95", "recovered"));
        for (FaultKind kind : FaultKind.values()) {
            for (String system : List.of("selfheal", "baseline")) {
                row(out, kind.label(), system, filter(results, t -> t.kind() == kind && t.system().equals(system)));
            }
        }
        for (String system : List.of("selfheal", "baseline")) {
            row(out, "all", system, filter(results, t -> t.system().equals(system)));
        }
        out.append("(milliseconds from the fault's injection; detect: selfheal incident opened / baseline decided to restart;\n"
                + " mttr: selfheal incident RESOLVED after a verified restart / baseline API answering again after its restart;\n"
                + " back: the bench's own observer saw the API answer correctly again)\n");
        return out.toString();
    }

    private static void row(StringBuilder out, String fault, String system, List<TrialResult> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Long> d = values(rows, TrialResult::detection);
        List<Long> m = values(rows, TrialResult::mttr);
        List<Long> b = values(rows, TrialResult::back);
        long recovered = rows.stream().filter(TrialResult::recovered).count();
        out.append(String.format(Locale.ROOT, "%-12s %-9s %12s %12s %10s %10s %10s %10s %10s%n", fault, system,
                Percentiles.format(Percentiles.of(d, 50)), Percentiles.format(Percentiles.of(d, 95)),
                Percentiles.format(Percentiles.of(m, 50)), Percentiles.format(Percentiles.of(m, 95)),
                Percentiles.format(Percentiles.of(b, 50)), Percentiles.format(Percentiles.of(b, 95)),
                recovered + "/" + rows.size()));
    }

    /** The last line: selfheal over all faults, the baseline over all faults, then per kind. */
    static String resultLine(List<TrialResult> results) {
        List<TrialResult> self = filter(results, t -> t.system().equals("selfheal"));
        List<TrialResult> base = filter(results, t -> t.system().equals("baseline"));
        StringBuilder line = new StringBuilder("RESULT");
        line.append(" detection_p95_ms=").append(p95(self, TrialResult::detection));
        line.append(" mttr_p95_ms=").append(p95(self, TrialResult::mttr));
        line.append(" baseline_detection_p95_ms=").append(p95(base, TrialResult::detection));
        line.append(" baseline_mttr_p95_ms=").append(p95(base, TrialResult::mttr));
        line.append(" recovered=").append(self.stream().filter(TrialResult::recovered).count()).append('/').append(self.size());
        for (FaultKind kind : FaultKind.values()) {
            List<TrialResult> k = filter(self, t -> t.kind() == kind);
            line.append(' ').append(kind.key()).append("_detection_p95_ms=").append(p95(k, TrialResult::detection));
            line.append(' ').append(kind.key()).append("_mttr_p95_ms=").append(p95(k, TrialResult::mttr));
        }
        for (FaultKind kind : FaultKind.values()) {
            List<TrialResult> k = filter(base, t -> t.kind() == kind);
            line.append(" baseline_").append(kind.key()).append("_detection_p95_ms=").append(p95(k, TrialResult::detection));
            line.append(" baseline_").append(kind.key()).append("_mttr_p95_ms=").append(p95(k, TrialResult::mttr));
        }
        line.append(" baseline_recovered=").append(base.stream().filter(TrialResult::recovered).count()).append('/').append(base.size());
        return line.toString();
    }

    private static String p95(List<TrialResult> rows, Function<TrialResult, OptionalLong> f) {
        OptionalDouble p = Percentiles.of(values(rows, f), 95);
        return Percentiles.format(p).equals("-") ? "NaN" : Percentiles.format(p);
    }

    private static List<Long> values(Collection<TrialResult> rows, Function<TrialResult, OptionalLong> f) {
        List<Long> out = new ArrayList<>();
        for (TrialResult t : rows) {
            OptionalLong v = f.apply(t);
            if (v.isPresent()) {
                out.add(v.getAsLong());
            }
        }
        return out;
    }

    private static List<TrialResult> filter(List<TrialResult> results, Predicate<TrialResult> p) {
        return results.stream().filter(p).toList();
    }

    private static String show(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "-";
    }
}
