package dev.selfheal.bench.storm;

import dev.selfheal.bench.DataDirOption;
import dev.selfheal.bench.SeedOption;
import dev.selfheal.demo.sim.cli.DurationText;
import dev.selfheal.server.cli.DaemonJvmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench storm}: does an alert storm slow healing down?
 *
 * <p>A real daemon is started as its own process, as {@code selfheal run} starts it, supervising
 * a few worker processes. In a quiet phase a worker is killed (SIGKILL) every few seconds and the
 * time until its new process runs is measured. Then, in the storm phase, clients post
 * Alertmanager payloads to the ingest over loopback HTTP as fast as they can while the workers
 * are killed on the same schedule. Reported: restart p95 in the storm against the quiet p95 of
 * the same run (the ratio), the daemon's peak RSS, alerts accepted and refused (429), incidents
 * opened, and {@code lost}: alerts the daemon answered "accepted" for that it neither handled nor
 * counted (coalesced, failed or dropped).
 */
@Command(name = "storm", mixinStandardHelpOptions = true,
        description = "Kills supervised workers while 20 clients flood the Alertmanager ingest; restart p95 vs quiet, RSS, accepted/refused, lost.")
public final class StormBench implements Runnable {

    @Mixin
    SeedOption seed;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--clients", defaultValue = "20", description = "Clients posting alerts in the storm (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationText.Converter.class,
            description = "Length of each phase, quiet and storm (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--kill-every", defaultValue = "5s", converter = DurationText.Converter.class,
            description = "How often a worker is killed in each phase (default ${DEFAULT-VALUE}).")
    Duration killEvery;

    @Option(names = "--workers", defaultValue = "3", description = "Supervised workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--runs", defaultValue = "1", description = "Runs (each a fresh daemon); figures are medians over them (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--daemon-jvm-options", paramLabel = "OPTIONS",
            description = "The daemon's JVM options, space-separated (default: those of `selfheal run`, from daemon-jvm.options).")
    String daemonJvmOptions;

    @Override
    public void run() {
        try {
            Path dir = dataDir.orNewTemporary("storm");
            List<String> jvmOptions = daemonJvmOptions == null ? DaemonJvmOptions.load()
                    : Arrays.stream(daemonJvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
            System.out.printf(Locale.ROOT, "daemon JVM options: %s%n", String.join(" ", jvmOptions));
            List<StormRun.Figures> all = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Path runDir = Files.createDirectories(dir.resolve("run-" + (r + 1)));
                StormRun.Figures f = new StormRun(runDir, seed.value() + r, clients, duration, killEvery, workers, jvmOptions).run();
                all.add(f);
                print(r + 1, f);
            }
            double ratioMedian = median(all.stream().mapToDouble(StormRun.Figures::ratio).toArray());
            double stormP95 = median(all.stream().mapToDouble(StormRun.Figures::stormP95Ms).toArray());
            double quietP95 = median(all.stream().mapToDouble(StormRun.Figures::quietP95Ms).toArray());
            double rss = median(all.stream().mapToDouble(StormRun.Figures::rssPeakMb).toArray());
            double rssMax = all.stream().mapToDouble(StormRun.Figures::rssPeakMb).max().orElse(Double.NaN);
            long accepted = all.stream().mapToLong(StormRun.Figures::accepted).sum();
            long refused = all.stream().mapToLong(StormRun.Figures::refused).sum();
            long lost = all.stream().mapToLong(StormRun.Figures::lost).sum();
            long missed = all.stream().mapToLong(StormRun.Figures::restartsMissed).sum();
            long incidents = all.stream().mapToLong(StormRun.Figures::incidentsOpened).sum();
            System.out.printf(Locale.ROOT, "%nmedians over %d run(s): restart p95 %.0f ms in the storm vs %.0f ms quiet (ratio %.2f, target <= 2); "
                    + "RSS peak %.0f MB (highest %.0f; target <= 512); lost %d (target 0); restarts missed %d%n", runs, stormP95, quietP95, ratioMedian, rss,
                    rssMax, lost, missed);
            System.out.printf(Locale.ROOT, "RESULT restart_p95_ms=%.0f quiet_restart_p95_ms=%.0f ratio=%.2f rss_peak_mb=%.0f rss_peak_max_mb=%.0f accepted=%d "
                    + "refused=%d incidents_opened=%d restarts_missed=%d lost=%d runs=%d seed=%d%n", stormP95, quietP95, ratioMedian, rss, rssMax, accepted, refused,
                    incidents, missed, lost, runs, seed.value());
        } catch (Exception e) {
            throw new IllegalStateException("bench storm failed: " + e.getMessage(), e);
        }
    }

    private static void print(int run, StormRun.Figures f) {
        System.out.printf(Locale.ROOT, "%nrun %d (seed %d)%n", run, f.seed());
        System.out.printf(Locale.ROOT, "%-8s %6s %8s %8s %8s %8s%n", "phase", "kills", "missed", "p50 ms", "p95 ms", "max ms");
        System.out.printf(Locale.ROOT, "%-8s %6d %8d %8.0f %8.0f %8.0f%n", "quiet", f.quietKills(), f.quietMissed(), f.quietP50Ms(), f.quietP95Ms(), f.quietMaxMs());
        System.out.printf(Locale.ROOT, "%-8s %6d %8d %8.0f %8.0f %8.0f%n", "storm", f.stormKills(), f.stormMissed(), f.stormP50Ms(), f.stormP95Ms(), f.stormMaxMs());
        System.out.printf(Locale.ROOT, "storm: %d payloads answered 200 (%d alerts accepted), %d answered 429 (%d alerts refused), %d other answers; "
                        + "%.0f alerts/s offered%n", f.payloadsOk(), f.accepted(), f.payloadsRefused(), f.refused(), f.otherAnswers(), f.offeredPerSecond());
        System.out.printf(Locale.ROOT, "daemon: handled %d, coalesced %d, failed %d, dropped %d, queued at end %d; incidents opened %d; "
                + "RSS %.0f MB before the storm, peak %.0f MB%n", f.handled(), f.coalesced(), f.failed(), f.dropped(), f.queuedAtEnd(),
                f.incidentsOpened(), f.rssBeforeMb(), f.rssPeakMb());
        System.out.printf(Locale.ROOT, "lost %d (accepted by the daemon's answers minus handled, coalesced, failed and dropped)%n", f.lost());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
