package dev.selfheal.bench.nab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * One NAB CSV read into memory: the timestamps and one numeric column ({@code value} for data
 * files, {@code anomaly_score} for results files), named by its path relative to the corpus
 * ({@code category/file.csv}).
 */
public record NabSeries(String relativePath, List<LocalDateTime> timestamps, double[] values) {

    public NabSeries {
        timestamps = List.copyOf(timestamps);
        if (timestamps.size() != values.length) {
            throw new IllegalArgumentException(relativePath + ": " + timestamps.size() + " timestamps, " + values.length + " values");
        }
    }

    public int size() {
        return values.length;
    }

    /** Reads {@code timestamp} and the named column of a CSV with a header row. */
    public static NabSeries read(Path file, String relativePath, String column) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(file + ": empty file, expected a header 'timestamp,...'");
            }
            String[] names = header.trim().split(",");
            int ts = indexOf(names, "timestamp", file);
            int col = indexOf(names, column, file);
            List<LocalDateTime> times = new ArrayList<>();
            double[] values = new double[1024];
            int n = 0;
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                try {
                    times.add(NabTime.parse(cells[ts]));
                    if (n == values.length) {
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = Double.parseDouble(cells[col].trim());
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + lineNo + ": cannot read row '" + line + "': " + e.getMessage(), e);
                }
            }
            return new NabSeries(relativePath, times, java.util.Arrays.copyOf(values, n));
        }
    }

    private static int indexOf(String[] names, String name, Path file) throws IOException {
        for (int i = 0; i < names.length; i++) {
            if (names[i].trim().equals(name)) {
                return i;
            }
        }
        throw new IOException(file + ": no column '" + name + "' in header " + String.join(",", names));
    }

    /** The {@code category/file.csv} paths of a NAB-layout folder ({@code DIR/<category>/<file>.csv}), sorted. */
    public static List<String> listCorpus(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("data folder " + dataDir + " does not exist or is not a folder");
        }
        List<String> files = new ArrayList<>();
        try (var categories = Files.list(dataDir)) {
            for (Path category : categories.filter(Files::isDirectory).sorted().toList()) {
                try (var csvs = Files.list(category)) {
                    csvs.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted()
                            .forEach(p -> files.add(category.getFileName() + "/" + p.getFileName()));
                }
            }
        }
        return files;
    }
}
