package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnomalyDetectorsTest {

    @Test
    void theEnsembleIsTheDefaultAndEachComponentHasAName() {
        assertThat(AnomalyDetectors.names()).containsExactly("ensemble", "statistical", "pattern", "learned", "fitted");
        assertThat(AnomalyDetectors.create().name()).isEqualTo("ensemble");
        assertThat(AnomalyDetectors.create("learned").name()).isEqualTo("learned");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> AnomalyDetectors.create("htm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'htm'")
                .hasMessageContaining("ensemble");
    }

    @Test
    void aDetectorCanBeBuiltWithoutSomeOfItsPartsAndAnUnknownPartIsRefused() {
        assertThat(AnomalyDetectors.components("ensemble")).containsExactly("deviation", "seasonal", "shift", "flatline", "novelty",
                "trust");
        assertThat(AnomalyDetectors.components("fitted")).contains("recurrence", "heights", "extremes", "trend", "drift");
        AnomalyDetector full = AnomalyDetectors.create("ensemble");
        AnomalyDetector plain = AnomalyDetectors.create("ensemble", java.time.ZoneOffset.UTC,
                java.util.Set.copyOf(AnomalyDetectors.components("ensemble")).stream()
                        .filter(p -> !p.equals("deviation")).collect(java.util.stream.Collectors.toSet()));
        double differs = 0;
        for (int i = 0; i < 2_000; i++) {
            double v = (i % 288 < 10 ? 50 : 10) + (i == 1_500 ? 40 : 0);
            Instant t = Instant.ofEpochSecond(300L * i);
            differs = Math.max(differs, Math.abs(full.update(t, v).score() - plain.update(t, v).score()));
        }
        assertThat(differs).isPositive();
        assertThatThrownBy(() -> AnomalyDetectors.create("ensemble", java.time.ZoneOffset.UTC, java.util.Set.of("echoes")))
                .hasMessageContaining("'echoes'").hasMessageContaining("novelty");
    }

    @Test
    void eachCreateGivesAnIndependentDetector() {
        AnomalyDetector a = AnomalyDetectors.create();
        AnomalyDetector b = AnomalyDetectors.create();
        for (int i = 0; i < 500; i++) {
            a.update(Instant.ofEpochSecond(300L * i), i % 7);
        }
        AnomalyDetector fresh = AnomalyDetectors.create();
        assertThat(b.update(Instant.EPOCH, 1.0)).isEqualTo(fresh.update(Instant.EPOCH, 1.0));
    }

    @Test
    void confidenceGrowsWhileLearningAndScoresAreSilentUntilThen() {
        AnomalyDetector d = AnomalyDetectors.create();
        AnomalyScore first = d.update(Instant.EPOCH, 10);
        for (int i = 1; i < AnomalyDetectors.LEARNING_POINTS - 1; i++) {
            assertThat(d.update(Instant.ofEpochSecond(300L * i), i % 2 == 0 ? 10 : 1_000).score()).isZero();
        }
        AnomalyScore last = d.update(Instant.ofEpochSecond(300L * AnomalyDetectors.LEARNING_POINTS), 10);

        assertThat(first.confidence()).isLessThan(last.confidence());
        assertThat(last.confidence()).isEqualTo(1.0);
    }

    @Test
    void learningIsANumberOfPointsWhateverTheInterval() {
        AnomalyDetector d = AnomalyDetectors.create();
        AnomalyScore score = null;
        for (int i = 0; i < AnomalyDetectors.LEARNING_POINTS; i++) {
            score = d.update(Instant.ofEpochSecond(10L * i), i % 2 == 0 ? 10 : 1_000);
            assertThat(score.score()).isZero();
        }
        assertThat(score.confidence()).isEqualTo(1.0);
    }

    @Test
    void aScoreOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new AnomalyScore(1.5, 1)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new AnomalyScore(0.5, Double.NaN)).hasMessageContaining("confidence");
    }
}
