package dev.selfheal.bench.nab;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A NAB-layout folder read once: every series, its instants, and its labelled windows when a
 * windows file is given, so that several detectors can be run over the same data in one bench.
 */
final class Corpus {

    private final List<NabSeries> series = new ArrayList<>();
    private final List<Instant[]> instants = new ArrayList<>();
    private final List<List<LabelledWindow>> windows = new ArrayList<>();
    private final boolean labelled;

    private Corpus(boolean labelled) {
        this.labelled = labelled;
    }

    /** Reads every {@code <category>/<file>.csv} under {@code data}; {@code windowsFile} may be null. */
    static Corpus read(Path data, Path windowsFile) throws IOException {
        return read(data, windowsFile, null);
    }

    /**
     * As {@link #read(Path, Path)}, every series and its windows moved to {@code interval} when it is
     * not null ({@link Resampling}).
     */
    static Corpus read(Path data, Path windowsFile, java.time.Duration interval) throws IOException {
        LabelledWindows labels = windowsFile == null ? null : LabelledWindows.read(windowsFile);
        Corpus corpus = new Corpus(labels != null);
        for (String relativePath : NabSeries.listCorpus(data)) {
            NabSeries s = NabSeries.read(data.resolve(relativePath), relativePath, "value");
            List<LabelledWindow> w = labels == null ? List.of() : labels.windowsOf(relativePath).orElseThrow(
                    () -> new IllegalArgumentException(windowsFile + " has no entry for " + relativePath));
            if (interval != null) {
                Resampling.Resampled r = Resampling.of(s, w, interval);
                s = r.series();
                w = r.windows();
            }
            corpus.series.add(s);
            corpus.instants.add(DetectorRun.instants(s));
            corpus.windows.add(w);
        }
        return corpus;
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    boolean isLabelled() {
        return labelled;
    }

    int files() {
        return series.size();
    }

    long points() {
        return series.stream().mapToLong(NabSeries::size).sum();
    }

    List<Instant[]> instants() {
        return instants;
    }

    List<double[]> values() {
        return series.stream().map(NabSeries::values).toList();
    }

    /**
     * Runs the detector over every series (a fresh one each), writes NAB's results files under
     * {@code out} when it is not null, and returns the files prepared for scoring (empty when unlabelled).
     */
    List<ScorableFile> run(DetectorSpec spec, Path out) throws IOException {
        List<ScorableFile> scorable = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            NabSeries s = series.get(i);
            double[] scores = DetectorRun.scores(spec, instants.get(i), s.values());
            if (out != null) {
                ResultsWriter.write(out, spec.label(), s, scores, windows.get(i));
            }
            if (labelled) {
                scorable.add(ScorableFile.of(s.relativePath(), s.timestamps(), scores, windows.get(i)));
            }
        }
        return scorable;
    }
}
