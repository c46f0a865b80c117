package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The flat line's run and the novelty's stretch are durations: the same series at a finer interval scores the same. */
class DurationScalesTest {

    /**
     * A series that moves in half of its five-minute steps (at random), held within each step,
     * sampled every {@code seconds}; then stuck for three hours.
     */
    private static double flatScore(long seconds) {
        FlatLine f = new FlatLine();
        java.util.Random random = new java.util.Random(5);
        double steps = seconds / 300.0;
        long t = 0;
        int place = 0;
        double value = 0;
        for (; place < 2_000; place++) {
            value += random.nextBoolean() ? 1 : 0;
            for (int k = 0; k < 300 / seconds; k++, t += seconds) {
                f.observe(t, value, steps);
            }
        }
        double score = 0;
        for (; t < 300L * place + 3 * 3_600; t += seconds) {
            score = f.observe(t, -1.0, steps);
        }
        return score;
    }

    @Test
    void aStuckSeriesIsAsUnlikelyAtOneMinuteAsAtFiveMinutes() {
        double five = flatScore(300);
        double one = flatScore(60);

        assertThat(five).isBetween(0.2, 0.99);
        assertThat(one).isCloseTo(five, within(0.02));
    }

    /** Novelty's peak over a plateau after three days of a two-hour wave sampled every {@code seconds}; and its usual level. */
    private static double[] plateauAgainstUsual(long seconds) {
        SubsequenceNovelty novelty = new SubsequenceNovelty();
        double steps = seconds / 300.0;
        double usual = 0;
        long t = 0;
        for (; t < 3 * 86_400; t += seconds) {
            double s = novelty.observe(t, 10 * Math.sin(2 * Math.PI * t / 7_200.0), steps);
            if (t >= 2 * 86_400 && !Double.isNaN(s)) {
                usual = Math.max(usual, s);
            }
        }
        double plateau = 0;
        for (long end = t + 3_600; t < end; t += seconds) {
            plateau = Math.max(plateau, novelty.observe(t, 25, steps));
        }
        return new double[] {plateau, usual};
    }

    @Test
    void aStretchIsFortyMinutesAtAnyIntervalFinerThanFive() {
        double[] five = plateauAgainstUsual(300);
        double[] one = plateauAgainstUsual(60);

        // a stretch of eight one-minute points would cover an eighth of the wave and find a near neighbour
        // for every part of it; a stretch of eight five-minute places covers a third, as at five minutes
        assertThat(five[0]).isGreaterThan(10 * five[1]);
        assertThat(one[0]).isGreaterThan(10 * one[1]);
        assertThat(one[1]).isLessThan(0.1);
    }
}
