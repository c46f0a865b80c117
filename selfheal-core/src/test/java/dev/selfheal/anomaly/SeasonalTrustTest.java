package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** How far the seasonal residual may go beyond the plain deviation: as far as the daily profile predicts the series. */
class SeasonalTrustTest {

    private static SeasonalResidual fed(double[] values) {
        SeasonalResidual seasonal = new SeasonalResidual(java.time.ZoneOffset.UTC, AnomalyDetectors.FULL_TRUST_RATIO);
        for (int i = 0; i < values.length; i++) {
            seasonal.observe(SyntheticSeries.at(i).getEpochSecond(), values[i]);
        }
        return seasonal;
    }

    @Test
    void aDailyCycleIsTrustedInFull() {
        SeasonalResidual seasonal = fed(SyntheticSeries.dailyWithNoise(14 * SyntheticSeries.PER_DAY, 5));

        assertThat(seasonal.trust()).isEqualTo(1.0);
    }

    @Test
    void burstsAtRandomHoursAreNotTrustedBeyondThePlainDeviation() {
        Random random = new Random(6);
        double[] values = new double[14 * SyntheticSeries.PER_DAY];
        for (int i = 0; i < values.length; i++) { // a quiet series with a burst of 2-5 points every 3 to 16 hours, at any time
            values[i] = 1 + 0.1 * random.nextGaussian();
        }
        for (int i = 0; i < values.length - 5; i += 40 + random.nextInt(150)) {
            int length = 2 + random.nextInt(4);
            for (int k = 0; k < length; k++) {
                values[i + k] = 50 + 10 * random.nextGaussian();
            }
        }
        SeasonalResidual seasonal = fed(values);

        assertThat(seasonal.trust()).as("bursts pollute the half hours: the profile predicts worse than a flat level").isLessThan(0.8);
    }

    @Test
    void noOpinionBeforeTheProfileIsWarmMeansFullTrust() {
        SeasonalResidual seasonal = fed(SyntheticSeries.dailyWithNoise(SyntheticSeries.PER_DAY, 7));

        assertThat(seasonal.trust()).isEqualTo(1.0);
    }
}
