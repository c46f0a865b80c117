package dev.selfheal.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scorer is right when it reproduces NAB's own per-file scores of the two published
 * reference detectors, for every file and profile, from their anomaly scores and NAB's threshold.
 */
class SweepScorerReferenceTest {

    static Stream<Arguments> detectorsAndProfiles() {
        List<Arguments> all = new ArrayList<>();
        for (String detector : List.of("numenta", "windowedGaussian")) {
            for (NabProfile profile : NabProfile.all()) {
                all.add(Arguments.of(detector, profile));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("detectorsAndProfiles")
    void reproducesEveryPublishedPerFileScore(String detector, NabProfile profile) throws IOException {
        Path nab = SharedNabFolder.locate();
        LabelledWindows windows = LabelledWindows.read(nab.resolve("windows.json"));
        Path scores = nab.resolve("reference").resolve(detector).resolve(detector + "_" + profile.name() + "_scores.csv");
        List<String> lines = Files.readAllLines(scores);
        SweepScorer scorer = new SweepScorer(profile);
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (cells[2].isBlank() || cells[0].equals("Totals")) {
                continue;
            }
            String relativePath = cells[2];
            double threshold = Double.parseDouble(cells[3]);
            double expected = Double.parseDouble(cells[4]);
            String[] parts = relativePath.split("/");
            Path results = nab.resolve("reference").resolve(detector).resolve(parts[0]).resolve(detector + "_" + parts[1]);
            NabSeries series = NabSeries.read(results, relativePath, "anomaly_score");
            ScorableFile file = ScorableFile.of(relativePath, series.timestamps(), series.values(),
                    windows.windowsOf(relativePath).orElseThrow());

            assertThat(scorer.rawScore(file, threshold)).as(relativePath).isCloseTo(expected, within(5e-5));
            checked++;
        }
        assertThat(checked).isEqualTo(42);
    }
}
