package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatLineTest {

    /** A quantised series: each value is repeated 1 to 6 times, then moves; the highest score after the first 1,000 points. */
    private static double feedBursts(FlatLine f, Random random, int points) {
        double max = 0;
        double value = 0;
        int left = 0;
        for (int i = 0; i < points; i++) {
            if (left == 0) {
                value += random.nextBoolean() ? 0.1 : -0.1;
                left = 1 + random.nextInt(6);
            }
            left--;
            double score = f.observe(60L * i, value);
            if (i >= 1_000) {
                max = Math.max(max, score);
            }
        }
        return max;
    }

    @Test
    void runsAsLongAsTheSeriesHasShownBeforeAreItsHabitNotAFlatLine() {
        FlatLine f = new FlatLine();
        Random random = new Random(7);

        assertThat(feedBursts(f, random, 5_000)).as("once bursts have been seen, runs of up to 6 are normal").isLessThan(0.05);
    }

    @Test
    void aRunFarLongerThanAnySeenScoresHigh() {
        FlatLine f = new FlatLine();
        feedBursts(f, new Random(8), 5_000);

        double score = 0;
        for (int i = 0; i < 120; i++) {
            score = f.observe(60L * (5_000 + i), 42.0);
        }
        assertThat(score).isEqualTo(1.0);
    }
}
