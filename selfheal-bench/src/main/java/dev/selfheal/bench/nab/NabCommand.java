package dev.selfheal.bench.nab;

import dev.selfheal.anomaly.AnomalyDetectors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfheal bench nab}: runs a streaming detector over a NAB-layout folder, writes NAB's
 * results files, scores them with the Java port of NAB's scorer when windows are known, and
 * measures throughput and memory per series.
 */
@Command(name = "nab",
        mixinStandardHelpOptions = true,
        description = "Run an anomaly detector over a NAB-layout folder (DIR/<category>/<file>.csv), write NAB results "
                + "files, score them (three profiles) and measure points/s and bytes per series.")
public final class NabCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR", description = "NAB-layout data folder (default: the shared NAB data).")
    Path data;

    @Option(names = "--windows", paramLabel = "FILE",
            description = "NAB windows JSON (default: the shared windows.json when --data is the shared folder).")
    Path windows;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the results files.")
    Path out;

    @Option(names = "--detector", paramLabel = "NAME", defaultValue = AnomalyDetectors.DEFAULT,
            description = "Detector name: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = DetectorNames.class)
    String detector;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC", converter = ZoneConverter.class,
            description = "Time zone whose days and weekends the series follow. NAB's timestamps are local times: "
                    + "UTC reads them as they are. For data with UTC timestamps, the zone of the people behind it. "
                    + "Default: ${DEFAULT-VALUE}.")
    java.time.ZoneId zone;

    @Option(names = "--passes", defaultValue = "3", description = "Timed passes for throughput (median). Default: ${DEFAULT-VALUE}.")
    int passes;

    @Option(names = "--per-file", description = "Also print each file's score under the standard profile.")
    boolean perFile;

    /** Runs the command alone (for iterating with {@code java -cp}); {@code selfheal bench nab} is the usual way. */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new NabCommand()).execute(args));
    }

    static final class ZoneConverter implements picocli.CommandLine.ITypeConverter<java.time.ZoneId> {
        @Override
        public java.time.ZoneId convert(String value) {
            try {
                return java.time.ZoneId.of(value);
            } catch (java.time.DateTimeException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown time zone '" + value
                        + "' (a region such as Europe/Berlin, or an offset such as -07:00)");
            }
        }
    }

    static final class DetectorNames extends ArrayList<String> {
        DetectorNames() {
            super(AnomalyDetectors.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!AnomalyDetectors.names().contains(detector)) {
            System.err.println("unknown --detector '" + detector + "'; known: " + AnomalyDetectors.names());
            return 2;
        }
        if (data == null) {
            Path shared = SharedNabFolder.locate();
            data = shared.resolve("data");
            if (windows == null) {
                windows = shared.resolve("windows.json");
            }
        }
        LabelledWindows labels = windows == null ? null : LabelledWindows.read(windows);
        List<String> files = NabSeries.listCorpus(data);
        if (files.isEmpty()) {
            System.err.println("no <category>/<file>.csv files under " + data);
            return 2;
        }

        List<Instant[]> instants = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<ScorableFile> scorable = new ArrayList<>();
        long points = 0;
        for (String relativePath : files) {
            NabSeries series = NabSeries.read(data.resolve(relativePath), relativePath, "value");
            Instant[] times = DetectorRun.instants(series);
            double[] scores = DetectorRun.scores(detector, zone, times, series.values());
            List<LabelledWindow> fileWindows = labels == null ? List.of()
                    : labels.windowsOf(relativePath).orElseThrow(() -> new IllegalArgumentException(
                            windows + " has no entry for " + relativePath));
            ResultsWriter.write(out, detector, series, scores, fileWindows);
            if (labels != null) {
                scorable.add(ScorableFile.of(relativePath, series.timestamps(), scores, fileWindows));
            }
            instants.add(times);
            values.add(series.values());
            points += series.size();
        }

        System.out.printf(Locale.ROOT, "NAB  detector=%s  files=%d  points=%d  data=%s%n", detector, files.size(), points, data);
        System.out.printf(Locale.ROOT, "results written to %s%n%n", out.resolve(detector));
        double[] normalised = {Double.NaN, Double.NaN, Double.NaN};
        if (labels != null) {
            System.out.printf(Locale.ROOT, "%-20s %10s %10s %8s %10s%n", "profile", "threshold", "raw", "windows", "score");
            List<NabProfile> profiles = NabProfile.all();
            for (int p = 0; p < profiles.size(); p++) {
                CorpusScore s = new SweepScorer(profiles.get(p)).optimise(scorable);
                normalised[p] = s.normalised();
                System.out.printf(Locale.ROOT, "%-20s %10.5f %10.3f %8d %10.2f%n",
                        s.profile().name(), s.threshold(), s.raw(), s.windows(), s.normalised());
            }
            if (perFile) {
                printPerFile(scorable);
            }
            System.out.println();
        }

        double pointsPerSecond = Throughput.pointsPerSecond(detector, zone, instants, values, Math.max(1, passes));
        long measuredBytes = MemoryPerSeries.measure(detector, 1000, 1000);
        int countedBytes = AnomalyDetectors.stateBytes(detector);
        System.out.printf(Locale.ROOT, "throughput           %,.0f points/s (one thread, detection only, median of %d passes)%n",
                pointsPerSecond, passes);
        System.out.printf(Locale.ROOT, "memory per series    %,d bytes measured (heap after GC, 1000 live detectors), %,d by field count%n",
                measuredBytes, countedBytes);
        System.out.printf(Locale.ROOT, "RESULT standard=%.2f low_fp=%.2f low_fn=%.2f points_per_s=%.0f bytes_per_series=%d%n",
                normalised[0], normalised[1], normalised[2], pointsPerSecond, measuredBytes);
        return 0;
    }

    private static void printPerFile(List<ScorableFile> scorable) {
        SweepScorer standard = new SweepScorer(NabProfile.STANDARD);
        double threshold = standard.optimise(scorable).threshold();
        System.out.printf(Locale.ROOT, "%nper file (standard, threshold %.5f):%n", threshold);
        for (ScorableFile f : scorable) {
            int[] counts = standard.detectedWindowsAndFalsePositives(f, threshold);
            System.out.printf(Locale.ROOT, "  %-62s windows=%d detected=%d fp=%3d raw=%8.3f%n", f.name(), f.windowCount(),
                    counts[0], counts[1], standard.rawScore(f, threshold));
        }
    }

}
