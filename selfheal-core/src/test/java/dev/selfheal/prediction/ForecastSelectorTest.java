package dev.selfheal.prediction;

import static dev.selfheal.prediction.Generated.START;
import static dev.selfheal.prediction.Generated.end;
import static dev.selfheal.prediction.Generated.minutes;
import static dev.selfheal.prediction.Generated.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ForecastSelectorTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration HORIZON = Duration.ofMinutes(30);
    private final ForecastSelector selector = ForecastSelector.standard();

    @Test
    void aGcSawtoothIsForecastByItsFloorNotByItsClimbs() {
        Series s = series(HOUR, t -> 0.35 + 0.55 * ((t % 180_000) / 180_000.0), 0.004, 21);
        Forecast f = selector.forecast(Observations.of(s), 1.0, end(s), HORIZON, Duration.ofHours(2));
        assertThat(f.method()).isEqualTo("sawtooth");
        assertThat(f.crossesWithin(HORIZON)).isFalse();
        assertThat(f.heldOutError()).isLessThan(0.05);
    }

    @Test
    void aSteadyLeakIsForecastByATrendWithItsExhaustionTime() {
        Series s = series(HOUR, t -> 0.3 + 0.01 * minutes(t), 0.01, 22);
        Forecast f = selector.forecast(Observations.of(s), 1.0, end(s), HORIZON, Duration.ofHours(2));
        assertThat(f.method()).isIn("linear", "holt");
        assertThat(f.timeToExhaustion().orElseThrow().toSeconds() / 60.0).isCloseTo(10.0, within(2.0));
        assertThat(f.confidence()).isGreaterThan(0.9);
    }

    @Test
    void aDailyCycleIsForecastByItsSeasonAndRaisesNoAlarm() {
        Series history = series(START, Duration.ofDays(3).plusHours(9), Duration.ofMinutes(5), ForecastersTest::daily, 0.01, 23);
        Instant now = end(history);
        Series recent = series(now.minus(HOUR), HOUR, Duration.ofSeconds(10), ForecastersTest::daily, 0.01, 24);
        Forecast f = selector.forecast(new Observations(recent, history, OptionalLong.empty()), 0.85, now,
                Duration.ofHours(12), Duration.ofHours(24));
        assertThat(f.method()).isEqualTo("seasonal");
        assertThat(f.crossesWithin(Duration.ofHours(12))).isFalse();
    }

    @Test
    void aResourceWithAKnownResetIsForecastAsAQuota() {
        Series s = series(Duration.ofMinutes(20), t -> 100 * minutes(t), 3, 25);
        Forecast f = selector.forecast(new Observations(s, Series.EMPTY, OptionalLong.of(START.plus(HOUR).toEpochMilli())),
                5000, end(s), HOUR, HOUR);
        assertThat(f.method()).isEqualTo("quota");
        assertThat(f.crossesWithin(HOUR)).isTrue();
    }

    @Test
    void tooFewReadingsGiveAnUnknownForecast() {
        Series s = series(Duration.ofSeconds(30), t -> 0.5, 0.0, 26);
        Forecast f = selector.forecast(Observations.of(s), 1.0, end(s), HORIZON, HOUR);
        assertThat(f.method()).isEqualTo("none");
        assertThat(f.confidence()).isZero();
        assertThat(f.timeToExhaustion()).isEmpty();
    }

    @Test
    void aLimitThatIsNotPositiveIsRefusedWithTheValue() {
        Series s = series(HOUR, t -> 0.5, 0.0, 27);
        assertThatThrownBy(() -> selector.forecast(Observations.of(s), 0, end(s), HORIZON, HOUR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit").hasMessageContaining("0");
        assertThatThrownBy(() -> Series.of(new long[] {1, 2}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
    }

    @Test
    void aClimbThatTurnedIsNotTrustedUntilTheFitSeesTheTurn() {
        // a batch fills a queue from 0.3 for 20 minutes at 0.025 a minute (to 0.8), then drains at 0.05 a minute:
        // two minutes into the drain the robust line still takes the falling readings for outliers
        Series s = series(Duration.ofMinutes(22), t -> minutes(t) < 20 ? 0.3 + 0.025 * minutes(t) : 0.8 - 0.05 * (minutes(t) - 20),
                0.005, 27);
        Series climbing = s.before(START.plus(Duration.ofMinutes(20)).toEpochMilli());
        Forecast before = selector.forecast(Observations.of(climbing), 1.0, end(climbing), HORIZON, HOUR);
        Forecast after = selector.forecast(Observations.of(s), 1.0, end(s), HORIZON, HOUR);
        assertThat(before.crossesWithin(HORIZON)).isTrue();
        assertThat(before.confidence()).isGreaterThan(0.95);
        assertThat(after.confidence()).isZero();
    }
}
