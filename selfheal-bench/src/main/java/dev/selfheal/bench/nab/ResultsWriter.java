package dev.selfheal.bench.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** NAB's results layout: {@code OUT/<detector>/<category>/<detector>_<file>.csv}, one row per data row. */
final class ResultsWriter {

    private ResultsWriter() {
    }

    static Path write(Path out, String detector, NabSeries series, double[] scores, List<LabelledWindow> windows)
            throws IOException {
        String[] parts = series.relativePath().split("/", 2);
        Path file = out.resolve(detector).resolve(parts[0]).resolve(detector + "_" + parts[1]);
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("timestamp,value,anomaly_score,label\n");
            for (int i = 0; i < series.size(); i++) {
                var t = series.timestamps().get(i);
                int label = 0;
                for (LabelledWindow window : windows) {
                    if (window.contains(t)) {
                        label = 1;
                        break;
                    }
                }
                w.write(NabTime.format(t));
                w.write(',');
                w.write(plain(series.values()[i]));
                w.write(',');
                w.write(Double.toString(scores[i]));
                w.write(',');
                w.write(Integer.toString(label));
                w.write('\n');
            }
        }
        return file;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
