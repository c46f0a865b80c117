package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learned detector remembers shapes: a shape seen before is near, a new one is far. */
class SubsequenceNoveltyTest {

    private static double wave(int i, Random random) {
        return 10 * Math.sin(2 * Math.PI * i / 50) + 0.3 * random.nextGaussian();
    }

    @Test
    void aShapeTheSeriesHasShownBeforeIsNearAndANewShapeIsFar() {
        SubsequenceNovelty novelty = new SubsequenceNovelty();
        Random random = new Random(1);
        double[] ordinary = new double[500];
        for (int i = 0; i < 3000; i++) {
            double surprise = novelty.observe(i, wave(i, random));
            if (i >= 2500) {
                ordinary[i - 2500] = surprise;
            }
        }
        double maxNew = 0;
        for (int i = 3000; i < 3010; i++) {
            maxNew = Math.max(maxNew, novelty.observe(i, 25 + 0.3 * random.nextGaussian())); // a plateau above every peak
        }
        Arrays.sort(ordinary);

        assertThat(maxNew).isGreaterThan(20 * ordinary[ordinary.length / 2]).isGreaterThan(ordinary[ordinary.length - 1]);
    }

    @Test
    void aRegimeThatLastedAWhileLongAgoIsStillRememberedByTheReservoir() {
        SubsequenceNovelty novelty = new SubsequenceNovelty();
        Random random = new Random(2);
        int i = 0;
        for (; i < 2000; i++) {
            novelty.observe(i, wave(i, random));
        }
        double newAtFirst = 0;
        for (int k = 0; k < 200; k++, i++) { // long enough that the reservoir keeps some of it
            newAtFirst = Math.max(newAtFirst, novelty.observe(i, 25 + 0.3 * random.nextGaussian()));
        }
        for (; i < 4000; i++) {
            novelty.observe(i, wave(i, random));
        }
        double seenBefore = 0;
        for (int k = 0; k < 20; k++, i++) {
            seenBefore = Math.max(seenBefore, novelty.observe(i, 25 + 0.3 * random.nextGaussian()));
        }

        assertThat(seenBefore).isLessThan(newAtFirst);
    }

    @Test
    void stateDoesNotGrowWithTheSeries() {
        SubsequenceNovelty novelty = new SubsequenceNovelty();
        int before = novelty.stateBytes();
        for (int i = 0; i < 100_000; i++) {
            novelty.observe(i, Math.sin(i));
        }

        assertThat(novelty.stateBytes()).isEqualTo(before).isLessThan(8 * 1024);
    }
}
