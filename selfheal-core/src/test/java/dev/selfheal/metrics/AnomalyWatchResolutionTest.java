package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.anomaly.AnomalyDetectors;
import dev.selfheal.incident.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A monitor that measures every ten seconds feeds the detectors one five-minute mean per series. */
class AnomalyWatchResolutionTest {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    private final List<Measurement> points = new ArrayList<>();

    private AnomalyWatch watch(Duration resolution) {
        return new AnomalyWatch(AnomalyDetectors.DEFAULT, ZoneOffset.UTC, resolution, AnomalyDetectors.alarmLevel(), 1.0, 10,
                (m, score) -> points.add(m));
    }

    private static Measurement latency(double value, int tenSeconds) {
        return new Measurement("checkout", MetricKind.RESPONSE_TIME_P95, value, START.plusSeconds(10L * tenSeconds));
    }

    @Test
    void eachIntervalBecomesOnePointTheMeanOfItsMeasurementsWhenTheNextOneBegins() {
        AnomalyWatch watch = watch(Duration.ofMinutes(5));
        for (int i = 0; i < 30; i++) { // the first five minutes: 30 measurements, 10 to 39
            watch.observe(latency(10 + i, i));
        }
        assertThat(points).as("the interval is not over yet").isEmpty();

        watch.observe(latency(100, 30)); // the first measurement of the next five minutes
        watch.observe(latency(Double.NaN, 31)); // a missing reading spoils nothing

        assertThat(points).hasSize(1);
        assertThat(points.get(0).value()).isEqualTo(24.5);
        assertThat(points.get(0).at()).isEqualTo(START);
        for (int i = 32; i < 60; i++) {
            watch.observe(latency(100, i));
        }
        watch.observe(latency(7, 60));
        assertThat(points).hasSize(2);
        assertThat(points.get(1).value()).isEqualTo(100);
        assertThat(points.get(1).at()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void withoutAResolutionEveryMeasurementIsAPoint() {
        AnomalyWatch watch = watch(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            watch.observe(latency(10 + i, i));
        }
        assertThat(points).extracting(Measurement::value).containsExactly(10.0, 11.0, 12.0, 13.0, 14.0);
    }

    @Test
    void anAnomalousIntervalIsAProblemDatedWhenItWasFoundWithItsMeanAndSpanAsEvidence() {
        AnomalyWatch watch = watch(Duration.ofMinutes(5));
        Random random = new Random(3);
        int tenSeconds = 0;
        for (int interval = 0; interval < 400; interval++) { // 400 quiet five-minute means, past the learning period
            for (int k = 0; k < 30; k++) {
                watch.observe(latency(100 + random.nextGaussian(), tenSeconds++));
            }
        }
        for (int k = 0; k < 30; k++) { // then five minutes at four times the usual latency
            watch.observe(latency(400 + random.nextGaussian(), tenSeconds++));
        }
        Optional<Problem> problem = watch.observe(latency(100, tenSeconds));

        assertThat(problem).isPresent();
        assertThat(problem.get().type()).isEqualTo(MetricKind.RESPONSE_TIME_P95.problemType());
        assertThat(problem.get().at()).isEqualTo(START.plusSeconds(10L * tenSeconds));
        assertThat(problem.get().evidence()).contains("checkout/response-time-p95").contains("mean of the 300 s from "
                + START.plus(Duration.ofMinutes(5 * 400)));
    }

    @Test
    void aSeriesThatGoesQuietHasItsLastIntervalScoredAtTheFirstFlushAfterItEnds() {
        AnomalyWatch watch = watch(Duration.ofMinutes(5));
        for (int i = 0; i < 12; i++) { // two minutes of readings, then the source fails
            watch.observe(latency(20, i));
        }
        watch.flush(START.plus(Duration.ofMinutes(4)));
        assertThat(points).as("the interval is not over").isEmpty();

        watch.flush(START.plus(Duration.ofMinutes(5)).plusSeconds(10));
        watch.flush(START.plus(Duration.ofMinutes(6)));

        assertThat(points).hasSize(1);
        assertThat(points.get(0).value()).isEqualTo(20);
        assertThat(points.get(0).series()).isEqualTo("checkout/response-time-p95");
    }

    @Test
    void aClockThatStepsBackAddsToTheCurrentIntervalInsteadOfScoringAnOldOneAgain() {
        AnomalyWatch watch = watch(Duration.ofMinutes(5));
        watch.observe(latency(10, 30)); // 00:05:00
        watch.observe(latency(30, 29)); // 00:04:50, after it
        watch.observe(latency(99, 60)); // 00:10:00

        assertThat(points).hasSize(1);
        assertThat(points.get(0).at()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(points.get(0).value()).isEqualTo(20);
    }

    @Test
    void aResolutionBelowAMillisecondIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> watch(Duration.ofNanos(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
    }
}
