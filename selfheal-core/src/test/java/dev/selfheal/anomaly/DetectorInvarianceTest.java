package dev.selfheal.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A metric's unit and zero are arbitrary (bytes or megabytes, kelvin or celsius, a counter that
 * started at 10,000): the scores must not depend on them. The first value used to count as a
 * deviation from zero, so a series far from zero looked calm for hundreds of points.
 */
class DetectorInvarianceTest {

    private static double[] withSpikeAndShift() {
        double[] v = SyntheticSeries.dailyWithNoise(10 * SyntheticSeries.PER_DAY, 11);
        v[6 * SyntheticSeries.PER_DAY] += 12;
        return SyntheticSeries.map(v, 8 * SyntheticSeries.PER_DAY, i -> 6);
    }

    private static double[] transformed(double[] values, double scale, double offset) {
        double[] t = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = values[i] * scale + offset;
        }
        return t;
    }

    @ParameterizedTest(name = "{0}: values x {1} + {2}")
    @CsvSource({
        "ensemble, 1, 10000", "statistical, 1, 10000", "pattern, 1, 10000", "learned, 1, 10000",
        "ensemble, 1000, 0", "statistical, 1000, 0", "pattern, 1000, 0", "learned, 1000, 0"})
    void scoresDoNotDependOnTheSeriesUnitOrZero(String detector, double scale, double offset) {
        double[] values = withSpikeAndShift();
        double[] base = SyntheticSeries.scores(detector, values);
        double[] moved = SyntheticSeries.scores(detector, transformed(values, scale, offset));

        for (int i = 0; i < values.length; i++) {
            assertThat(moved[i]).as("point %d", i).isCloseTo(base[i], within(1e-3));
        }
    }
}
