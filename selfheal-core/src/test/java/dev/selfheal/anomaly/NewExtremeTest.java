package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewExtremeTest {

    private static final double FIRING = AnomalyDetectors.alarmLevel();

    /** The highest score over a daily series with noise (the series the detector tests use). */
    private static double maxOverNoise(NewExtreme signal, double[] values, int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, signal.observe(300L * i, values[i]));
        }
        return max;
    }

    @Test
    void aRecordFarBeyondTheUsualRecordGapScoresHighAndTheNextOrdinaryRecordDoesNot() {
        NewExtreme signal = new NewExtreme();
        double[] values = SyntheticSeries.dailyWithNoise(20 * SyntheticSeries.PER_DAY, 3);
        int spike = values.length - 100;
        assertThat(maxOverNoise(signal, values, 0, spike)).as("twenty days of a noisy daily series").isLessThan(FIRING);

        double high = 0;
        for (int i = 0; i < spike; i++) {
            high = Math.max(high, values[i]);
        }
        assertThat(signal.observe(300L * spike, high + 20)).as("a value 20 above the highest ever, on a range of ~28").isEqualTo(1.0);
        assertThat(signal.observe(300L * (spike + 1), high + 20.2)).as("then a record by a hair").isLessThan(0.1);
    }

    @Test
    void aValueInsideTheRangeSeenScoresNothing() {
        NewExtreme signal = new NewExtreme();
        for (int i = 0; i < 100; i++) {
            signal.observe(i, i % 10);
        }
        assertThat(signal.observe(100, 5)).isZero();
        assertThat(signal.observe(101, -0.5)).as("a new low by a twentieth of the range").isLessThan(FIRING);
    }

    @Test
    void theFirstPointsAreNeverScored() {
        NewExtreme signal = new NewExtreme();
        double max = 0;
        for (int i = 0; i < NewExtreme.MIN_POINTS; i++) {
            max = Math.max(max, signal.observe(i, i * i * 100.0)); // every point a record, each by far more than the last
        }
        assertThat(max).isZero();
    }

    @Test
    void pureNoiseBreaksItsRecordsByTheUsualGaps() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            NewExtreme signal = new NewExtreme();
            double max = 0;
            for (int i = 0; i < 20 * SyntheticSeries.PER_DAY; i++) {
                double score = signal.observe(300L * i, random.nextGaussian());
                if (i >= AnomalyDetectors.LEARNING_POINTS) {
                    max = Math.max(max, score);
                }
            }
            assertThat(max).as("seed %d", seed).isLessThan(FIRING);
        }
    }
}
