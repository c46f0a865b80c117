package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** State per series is bounded and does not grow with use; the same input gives the same scores. */
class DetectorStateTest {

    static Iterable<String> detectors() {
        return AnomalyDetectors.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void aSeriesFedAMillionPointsKeepsTheStateItHadAfterAThousand(String name) {
        AnomalyDetector detector = AnomalyDetectors.create(name);
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            detector.update(SyntheticSeries.at(i), value(random, i));
        }
        long early = ObjectGraphSize.of(detector);

        for (int i = 1_000; i < 1_000_000; i++) {
            detector.update(SyntheticSeries.at(i), value(random, i));
        }

        assertThat(ObjectGraphSize.of(detector)).isEqualTo(early).isLessThanOrEqualTo(64 * 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void theSameInputGivesTheSameScores(String name) {
        double[] values = SyntheticSeries.dailyWithNoise(3_000, 9);
        values[2_000] += 30;

        assertThat(SyntheticSeries.scores(name, values)).containsExactly(SyntheticSeries.scores(name, values));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detectors")
    void everyScoreAndConfidenceStaysWithinZeroAndOneAndNonFiniteValuesAreSkipped(String name) {
        AnomalyDetector detector = AnomalyDetectors.create(name);
        Random random = new Random(5);
        for (int i = 0; i < 5_000; i++) {
            double v = i % 997 == 0 ? Double.NaN : i % 1_300 == 0 ? 1e12 : value(random, i);
            AnomalyScore s = detector.update(SyntheticSeries.at(i), v);
            assertThat(s.score()).isBetween(0.0, 1.0);
            assertThat(s.confidence()).isBetween(0.0, 1.0);
            if (Double.isNaN(v)) {
                assertThat(s).isEqualTo(AnomalyScore.NONE);
            }
        }
    }

    private static double value(Random random, int i) {
        return 50 + 10 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian() + (i % 5_000 == 4_999 ? 40 : 0);
    }
}
