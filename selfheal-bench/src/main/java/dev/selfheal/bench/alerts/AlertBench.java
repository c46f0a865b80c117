package dev.selfheal.bench.alerts;

import dev.selfheal.demo.sim.cli.DurationText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench alerts}: (1) a storm of raw alerts through the whole pipeline on
 * virtual time (throughput, peak heap, notifications, at most one per group per interval),
 * against a bare dedup map as the peer; (2) the demo under its own chaos schedule, for real
 * ({@link DemoChaosRun}): raw alerts (failing check reports) versus notifications, and whether
 * every incident that needed a person was told.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Alert storm throughput and the demo chaos run's noise reduction; prints a table and a RESULT line.")
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

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the demo and its chaos schedule (default ${DEFAULT-VALUE}, as the demo).")
    long seed;

    @Option(names = "--data-dir", description = "Where the demo's files go (default: a new temporary directory).")
    Path dataDir;

    private DemoChaosRun.Figures chaos() {
        try {
            Path dir = dataDir != null ? dataDir : Files.createTempDirectory("selfheal-bench-alerts-");
            return DemoChaosRun.run(DurationText.parse("--chaos-duration", chaosDuration), rate, seed, dir);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the demo chaos run failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void run() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.selfheal")).setLevel(ch.qos.logback.classic.Level.ERROR);
        System.out.printf(Locale.ROOT, "selfheal bench alerts: storm of %,d alerts over %,d fingerprints (virtual time, 10 ms apart), "
                + "%d runs after one warm-up; then the demo under its chaos schedule for %s (real processes, wall time)%n%n",
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

        DemoChaosRun.Figures chaos = chaos();
        double reduction = chaos.raw() == 0 ? 0 : 1.0 - (double) chaos.notifications() / chaos.raw();
        System.out.printf(Locale.ROOT, "%n%-40s %10s%n", "demo chaos run (" + chaos.length().toSeconds() + " s, seed " + seed + ")", "");
        chaos.incidents().forEach(i -> System.out.println("  " + i.line()));
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "incidents", chaos.incidents().size());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "restarts by selfheal", chaos.restarts());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "raw alerts (failing check reports)", chaos.raw());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "  of which into the pipeline (incidents)", chaos.pipelineRaw());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "notifications sent", chaos.notifications());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "  of which resolved notices", chaos.resolvedNotices());
        System.out.printf(Locale.ROOT, "%-40s %10.3f%n", "reduction", reduction);
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "incidents needing a person", chaos.needingPerson());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "  of which notified", chaos.notified());
        System.out.printf(Locale.ROOT, "%-40s %10d%s%n", "  missed", chaos.missed().size(), chaos.missed().isEmpty() ? "" : " " + chaos.missed());
        System.out.printf(Locale.ROOT, "%-40s %10d%n", "notified without need", chaos.notifiedNeedlessly());
        System.out.printf(Locale.ROOT, "(demo output: %s)%n", chaos.log());
        System.out.printf(Locale.ROOT, "RESULT alerts_per_s=%.0f heap_peak_mb=%.1f raw_alerts=%d notifications=%d reduction=%.3f missed=%d "
                        + "storm_notifications=%d max_per_group_per_interval=%d naive_alerts_per_s=%.0f incidents=%d needing_person=%d%n",
                median.alertsPerSecond(), heapMedian, chaos.raw(), chaos.notifications(), reduction, chaos.missed().size(),
                median.notifications(), median.maxPerGroupPerInterval(), median.naiveAlertsPerSecond(), chaos.incidents().size(),
                chaos.needingPerson());
    }
}
