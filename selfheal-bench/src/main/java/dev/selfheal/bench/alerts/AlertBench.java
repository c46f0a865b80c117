package dev.selfheal.bench.alerts;

import dev.selfheal.bench.DataDirOption;
import dev.selfheal.bench.SeedOption;
import dev.selfheal.demo.sim.cli.DurationText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench alerts}: (1) a storm of raw alerts through the whole pipeline on
 * virtual time (throughput, peak heap, notifications, at most one per group per interval),
 * against a bare dedup map as the peer; (2) the demo under its own chaos schedule, for real
 * ({@link DemoChaosRun}), twice with the same seed: once healing on its own (selfheal should stay
 * quiet) and once with restarts waiting for an approval nobody gives (crash and hang incidents
 * stay open past the healing grace and must reach a person): raw alerts (failing check reports)
 * versus notifications, and whether every incident that needed a person was told.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alert storm throughput and the demo chaos runs' noise reduction (healed, and restarts awaiting approval); "
                + "prints a table and a RESULT line.")
public final class AlertBench implements Runnable {

    @Option(names = "--alerts", defaultValue = "100000", description = "Raw alerts in the storm (default ${DEFAULT-VALUE}).")
    int alerts;

    @Option(names = "--fingerprints", defaultValue = "1000", description = "Distinct fingerprints in the storm (default ${DEFAULT-VALUE}).")
    int fingerprints;

    @Option(names = "--runs", defaultValue = "3", description = "Storm runs; the median is reported (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--chaos-duration", defaultValue = "60s", description = "How long the demo generates events under its chaos schedule (default ${DEFAULT-VALUE}).")
    String chaosDuration;

    @Option(names = "--rate", defaultValue = "20", description = "The demo's events per second (default ${DEFAULT-VALUE}, as the demo).")
    double rate;

    @Mixin
    SeedOption seed;

    @Mixin
    DataDirOption dataDir;

    private DemoChaosRun.Figures chaos(Path dir, boolean approval) {
        try {
            return DemoChaosRun.run(DurationText.parse("--chaos-duration", chaosDuration), rate, seed.value(),
                    dir.resolve(approval ? "approval" : "healed"), approval);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the demo chaos run (" + (approval ? "approval" : "healed") + ") failed: " + e.getMessage(), e);
        }
    }

    private static void row(String label, List<DemoChaosRun.Figures> runs, java.util.function.ToLongFunction<DemoChaosRun.Figures> f) {
        StringBuilder b = new StringBuilder("%-40s".formatted(label));
        long total = 0;
        for (DemoChaosRun.Figures r : runs) {
            long v = f.applyAsLong(r);
            total += v;
            b.append("%12d".formatted(v));
        }
        System.out.println(b.append("%12d".formatted(total)));
    }

    @Override
    public void run() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal")).setLevel(ch.qos.logback.classic.Level.ERROR);
        System.out.printf(Locale.ROOT, "selfheal bench alerts: storm of %,d alerts over %,d fingerprints (virtual time, 10 ms apart), "
                + "%d runs after one warm-up; then the demo under its chaos schedule for %s, twice: healed, and restarts awaiting approval "
                + "(real processes, wall time)%n%n",
                alerts, fingerprints, runs, chaosDuration);
        StormRun.run(alerts, fingerprints, 0); // warm-up: JIT, class loading
        List<StormRun.Figures> storms = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-6s %14s %14s %12s %10s %14s %10s %12s%n", "run", "alerts/s", "naive/s", "heap peak MB",
                "raw", "notifications", "groups", "max/grp/int");
        for (int i = 1; i <= runs; i++) {
            StormRun.Figures f = StormRun.run(alerts, fingerprints, i);
            storms.add(f);
            System.out.printf(Locale.ROOT, "%-6d %14.0f %14.0f %12.1f %10d %14d %10d %12d%n", i, f.alertsPerSecond(),
                    f.naiveAlertsPerSecond(), f.heapPeakMb(), f.raw(), f.notifications(), f.groups(), f.maxPerGroupPerInterval());
        }
        StormRun.Figures median = storms.stream().sorted(Comparator.comparingDouble(StormRun.Figures::alertsPerSecond)).toList()
                .get(storms.size() / 2);
        double heapMedian = storms.stream().mapToDouble(StormRun.Figures::heapPeakMb).sorted().toArray()[storms.size() / 2];
        System.out.printf(Locale.ROOT, "%nstorm median: %.0f alerts/s (%.1f%% of a bare dedup map's %.0f/s), heap peak %.1f MB, "
                        + "%d notifications for %d raw alerts, at most %d per group per interval%n%n",
                median.alertsPerSecond(), 100 * median.alertsPerSecond() / median.naiveAlertsPerSecond(), median.naiveAlertsPerSecond(),
                heapMedian, median.notifications(), median.raw(), median.maxPerGroupPerInterval());

        Path dir = dataDir.orNewTemporary("alerts");
        List<DemoChaosRun.Figures> chaos = new ArrayList<>();
        for (boolean approval : new boolean[] {false, true}) {
            System.out.printf(Locale.ROOT, "demo chaos run %d of 2 (%s): %s%n", chaos.size() + 1, approval ? "approval" : "healed",
                    approval ? "restarts wait for a person's approval (--approve-restarts) that nobody gives"
                            : "selfheal heals on its own, as the demo runs by default");
            DemoChaosRun.Figures run = chaos(dir, approval);
            chaos.add(run);
            System.out.printf(Locale.ROOT, "%nincidents of the %s run (%d s, seed %d):%n", run.name(), run.length().toSeconds(), seed.value());
            run.incidents().forEach(i -> System.out.println("  " + i.line()));
            System.out.printf(Locale.ROOT, "(demo output: %s)%n%n", run.log());
        }
        DemoChaosRun.Figures healed = chaos.get(0);
        DemoChaosRun.Figures approval = chaos.get(1);
        long raw = chaos.stream().mapToLong(DemoChaosRun.Figures::raw).sum();
        long notifications = chaos.stream().mapToLong(DemoChaosRun.Figures::notifications).sum();
        long needing = chaos.stream().mapToLong(DemoChaosRun.Figures::needingPerson).sum();
        long missed = chaos.stream().mapToLong(r -> r.missed().size()).sum();
        long incidents = chaos.stream().mapToLong(r -> r.incidents().size()).sum();
        double reduction = raw == 0 ? 0 : 1.0 - (double) notifications / raw;
        System.out.printf(Locale.ROOT, "%-40s%12s%12s%12s%n", "demo chaos runs (" + healed.length().toSeconds() + " s, seed " + seed.value() + ")",
                "healed", "approval", "total");
        row("incidents", chaos, r -> r.incidents().size());
        row("restarts by selfheal", chaos, DemoChaosRun.Figures::restarts);
        row("raw alerts (failing check reports)", chaos, DemoChaosRun.Figures::raw);
        row("  of which into the pipeline (incidents)", chaos, DemoChaosRun.Figures::pipelineRaw);
        row("notifications sent", chaos, DemoChaosRun.Figures::notifications);
        row("  of which resolved notices", chaos, DemoChaosRun.Figures::resolvedNotices);
        System.out.printf(Locale.ROOT, "%-40s%12.3f%12.3f%12.3f%n", "reduction", healed.reduction(), approval.reduction(), reduction);
        row("incidents needing a person", chaos, DemoChaosRun.Figures::needingPerson);
        row("  of which notified", chaos, DemoChaosRun.Figures::notified);
        row("    by its flapping notice (sent once)", chaos, DemoChaosRun.Figures::notifiedByFlappingNotice);
        row("  missed", chaos, r -> r.missed().size());
        row("notified without need", chaos, DemoChaosRun.Figures::notifiedNeedlessly);
        chaos.stream().filter(r -> !r.missed().isEmpty()).forEach(r -> System.out.printf(Locale.ROOT, "missed in the %s run: %s%n",
                r.name(), r.missed()));
        StringBuilder perRun = new StringBuilder();
        for (DemoChaosRun.Figures r : chaos) {
            perRun.append(String.format(Locale.ROOT, " %1$s_run_raw_alerts=%2$d %1$s_run_notifications=%3$d %1$s_run_reduction=%4$.3f "
                            + "%1$s_run_incidents=%5$d %1$s_run_needing_person=%6$d %1$s_run_notified=%7$d %1$s_run_missed=%8$d",
                    r.name(), r.raw(), r.notifications(), r.reduction(), r.incidents().size(), r.needingPerson(), r.notified(),
                    r.missed().size()));
        }
        System.out.printf(Locale.ROOT, "RESULT alerts_per_s=%.0f heap_peak_mb=%.1f raw_alerts=%d notifications=%d reduction=%.3f missed=%d "
                        + "storm_notifications=%d max_per_group_per_interval=%d naive_alerts_per_s=%.0f incidents=%d needing_person=%d%s%n",
                median.alertsPerSecond(), heapMedian, raw, notifications, reduction, missed,
                median.notifications(), median.maxPerGroupPerInterval(), median.naiveAlertsPerSecond(), incidents, needing, perRun);
    }
}
