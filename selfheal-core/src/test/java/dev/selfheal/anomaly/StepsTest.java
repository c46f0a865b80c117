package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepsTest {

    @Test
    void twoHalfStepsForgetWhatOneStepForgets() {
        double half = Steps.alpha(0.05, 0.5);
        assertThat(1 - (1 - half) * (1 - half)).isCloseTo(0.05, within(1e-12));
        assertThat(Steps.alpha(0.05, 1.0)).isEqualTo(0.05);
    }

    @Test
    void aPointWeighsItsIntervalInStepsUpToOne() {
        assertThat(Steps.of(10)).isCloseTo(1.0 / 30, within(1e-12));
        assertThat(Steps.of(300)).isEqualTo(1.0);
        assertThat(Steps.of(3_600)).isEqualTo(1.0);
        assertThat(Steps.of(0)).isEqualTo(Steps.MIN);
        assertThat(Steps.of(-5)).isEqualTo(Steps.MIN);
    }

    @Test
    void aLevelForgetsTheSameAmountPerHourAtTenSecondsAsAtFiveMinutes() {
        EwmaLevel coarse = new EwmaLevel(0.05);
        EwmaLevel fine = new EwmaLevel(0.05);
        // a ramp of one unit per step: an EWMA lags it by about (1 - a) / a steps at any interval
        for (int step = 0; step < 400; step++) {
            coarse.learn(step, 1.0);
            for (int k = 0; k < 30; k++) {
                fine.learn(step + k / 30.0, 1.0 / 30);
            }
        }
        assertThat(399 - coarse.mean()).isCloseTo(19, within(1.0));
        assertThat(fine.mean()).isCloseTo(coarse.mean(), within(1.0));
    }
}
