package dev.selfheal.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Selection gives the order statistics sorting gives, on random data with ties. */
class StatsTest {

    @Test
    void quantilesBySelectionEqualThoseOfTheSortedValues() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(300);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = trial % 3 == 0 ? r.nextInt(5) : r.nextGaussian();
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            for (double q : new double[] {0, 0.02, 0.25, 0.5, 0.98, 1}) {
                assertThat(Stats.quantile(v.clone(), q)).isEqualTo(Stats.quantileOfSorted(sorted, q));
            }
            int k = r.nextInt(n);
            assertThat(Stats.select(v.clone(), k)).isEqualTo(sorted[k]);
            assertThat(Stats.median(v)).isEqualTo(Stats.quantileOfSorted(sorted, 0.5));
        }
    }
}
