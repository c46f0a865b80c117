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

    @Option(names = "--cv", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Score leave-one-category-out, the headline figure: each category at the thresholds chosen on "
                    + "the others (mean and worst), and two fixed halves of the categories each at the other's "
                    + "thresholds; NAB's windowed-Gaussian baseline is scored in the same run. On by default when the "
                    + "windows are known; --no-cv reports the in-sample figures alone.")
    boolean cv;

    @Option(names = "--without", paramLabel = "PART", split = ",",
            description = "Leave these parts out of the detector (an ablation); the parts of each detector are listed "
                    + "in docs/anomaly.md.")
    List<String> without = new ArrayList<>();

    @Option(names = "--compare", paramLabel = "NAME", split = ",",
            description = "Also score these detectors in the same run (with --cv: one summary line each).")
    List<String> compare = new ArrayList<>();

    @Option(names = "--resample", paramLabel = "INTERVAL",
            description = "Move every series and its windows to this interval first (150s, 10m, PT2M30S): linear "
                    + "interpolation to a finer interval than the series' own, means over each interval to a coarser "
                    + "one. A detector whose time scales are durations scores about the same.")
    String resample;

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
            super(DetectorSpec.names());
        }
    }

    @Override
    public Integer call() throws Exception {
        DetectorSpec spec;
        List<DetectorSpec> others = new ArrayList<>();
        try {
            spec = new DetectorSpec(detector, new java.util.LinkedHashSet<>(without), zone);
            for (String name : compare) {
                others.add(new DetectorSpec(name, java.util.Set.of(), zone));
            }
            if (cv && others.stream().noneMatch(DetectorSpec::isBaseline) && !spec.isBaseline()) {
                others.add(new DetectorSpec(WindowedGaussian.NAME, java.util.Set.of(), zone));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (data == null) {
            Path shared = SharedNabFolder.locate();
            data = shared.resolve("data");
            if (windows == null) {
                windows = shared.resolve("windows.json");
            }
        }
        java.time.Duration interval = null;
        if (resample != null) {
            try {
                interval = Resampling.parse(resample);
            } catch (IllegalArgumentException e) {
                System.err.println("--resample: " + e.getMessage());
                return 2;
            }
        }
        Corpus corpus = Corpus.read(data, windows, interval);
        if (corpus.isEmpty()) {
            System.err.println("no <category>/<file>.csv files under " + data);
            return 2;
        }
        boolean heldOut = cv && corpus.isLabelled();
        if (cv && !corpus.isLabelled()) {
            System.out.println("no labelled windows (--windows FILE): no held-out or in-sample scores, throughput and memory only");
        }
        List<ScorableFile> scorable = corpus.run(spec, out);

        System.out.printf(Locale.ROOT, "NAB  detector=%s  files=%d  points=%d  data=%s%s%n", spec.label(), corpus.files(),
                corpus.points(), data, interval == null ? "" : "  resampled to " + interval);
        System.out.printf(Locale.ROOT, "results written to %s%n%n", out.resolve(spec.label()));
        CvReport.Summary mine = null;
        CvReport.Summary baseline = null;
        if (heldOut) {
            mine = CvReport.summarise(spec.label(), scorable);
            System.out.printf(Locale.ROOT, "HELD-OUT (leave one category out, standard profile): mean %.2f, worst category %.2f%n%n",
                    mine.cv().mean()[0], mine.cv().worst()[0]);
            CvReport.printFolds(mine, System.out);
            List<CvReport.Summary> all = new ArrayList<>(List.of(mine));
            for (DetectorSpec other : others) {
                CvReport.Summary s = CvReport.summarise(other.label(), corpus.run(other, null));
                all.add(s);
                baseline = other.isBaseline() ? s : baseline;
            }
            baseline = spec.isBaseline() ? mine : baseline;
            CvReport.printSummaries(all, System.out);
        }
        double[] normalised = {Double.NaN, Double.NaN, Double.NaN};
        if (corpus.isLabelled()) {
            System.out.printf(Locale.ROOT, "in-sample (NAB's protocol: one threshold per profile chosen on these same files; "
                    + "not a held-out figure)%n");
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

        double pointsPerSecond = Throughput.pointsPerSecond(spec, corpus.instants(), corpus.values(), Math.max(1, passes));
        long measuredBytes = MemoryPerSeries.measure(spec, 1000, 1000);
        System.out.printf(Locale.ROOT, "throughput           %,.0f points/s (one thread's CPU time, detection only, median of %d passes)%n",
                pointsPerSecond, passes);
        if (spec.isBaseline()) {
            System.out.printf(Locale.ROOT, "memory per series    %,d bytes measured (heap after GC, 1000 live detectors)%n",
                    measuredBytes);
        } else {
            System.out.printf(Locale.ROOT, "memory per series    %,d bytes measured (heap after GC, 1000 live detectors), %,d by field count%n",
                    measuredBytes, AnomalyDetectors.stateBytes(detector));
        }
        if (mine != null) {
            System.out.printf(Locale.ROOT, "RESULT cv_mean=%.2f cv_worst=%.2f standard=%.2f low_fp=%.2f low_fn=%.2f points_per_s=%.0f "
                            + "bytes_per_series=%d baseline_cv_mean=%.2f cv_mean_vs_baseline=%.2f cv_low_fp=%.2f cv_low_fn=%.2f%n",
                    mine.cv().mean()[0], mine.cv().worst()[0], normalised[0], normalised[1], normalised[2], pointsPerSecond,
                    measuredBytes, baseline.cv().mean()[0], mine.cv().mean()[0] / baseline.cv().mean()[0], mine.cv().mean()[1],
                    mine.cv().mean()[2]);
        } else {
            System.out.printf(Locale.ROOT, "RESULT standard=%.2f low_fp=%.2f low_fn=%.2f points_per_s=%.0f bytes_per_series=%d%n",
                    normalised[0], normalised[1], normalised[2], pointsPerSecond, measuredBytes);
        }
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
