package dev.selfheal.prediction;

import static dev.selfheal.prediction.Generated.START;
import static dev.selfheal.prediction.Generated.end;
import static dev.selfheal.prediction.Generated.minutes;
import static dev.selfheal.prediction.Generated.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Each forecaster on a generated series whose exhaustion time is known from its formula: one
 * hour of readings every ten seconds, then the forecast is read at the end of the hour.
 */
class ForecastersTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration HORIZON = Duration.ofMinutes(30);
    private static final Duration SPAN = Duration.ofHours(4);

    private static Forecast fit(Forecaster f, Observations seen, Instant now) {
        return Exhaustion.of(f.name(), f.fit(seen).orElseThrow(), 1.0, now, HORIZON, SPAN);
    }

    @Test
    void aSteadyLeakIsForecastToTheMinuteItRunsOut() {
        // 0.3 at the start, +0.01 a minute: the limit 1.0 is reached at minute 70, ten minutes after the window
        Series s = series(HOUR, t -> 0.3 + 0.01 * minutes(t), 0.01, 1);
        Forecast f = fit(new RobustTrend(), Observations.of(s), end(s));
        double left = f.timeToExhaustion().orElseThrow().toSeconds() / 60.0;
        assertThat(left).isCloseTo(10.0, within(0.7));
        assertThat(f.earliest().orElseThrow()).isBefore(f.expected().orElseThrow());
        assertThat(f.latest().orElseThrow()).isAfter(f.expected().orElseThrow());
        assertThat(f.confidence()).isGreaterThan(0.95);
    }

    @Test
    void spikesAndDropoutsDoNotTiltTheRobustLine() {
        Series clean = series(HOUR, t -> 0.3 + 0.01 * minutes(t), 0.005, 2);
        long[] t = new long[clean.size()];
        double[] v = new double[clean.size()];
        for (int i = 0; i < clean.size(); i++) {
            t[i] = clean.time(i);
            // every fifth reading is wild: a spike to the limit or a dropout to zero
            v[i] = i % 5 == 0 ? (i % 10 == 0 ? 0.99 : 0.0) : clean.value(i);
        }
        Forecast f = fit(new RobustTrend(), Observations.of(Series.of(t, v)), end(clean));
        assertThat(f.timeToExhaustion().orElseThrow().toSeconds() / 60.0).isCloseTo(10.0, within(1.5));
    }

    @Test
    void aLeakThatStartedMinutesAgoIsForecastFromItsStartNotFromTheHourBefore() {
        // flat at 0.3 for 45 minutes, then +0.03 a minute: at the end of the hour 0.75, out in about 8 minutes
        Series s = series(HOUR, t -> minutes(t) < 45 ? 0.3 : 0.3 + 0.03 * (minutes(t) - 45), 0.01, 4);
        Forecast f = fit(new RobustTrend(), Observations.of(s), end(s));
        assertThat(f.timeToExhaustion().orElseThrow().toSeconds() / 60.0).isCloseTo(8.3, within(1.5));
        assertThat(f.confidence()).isGreaterThan(0.95);
    }

    @Test
    void aStepIsNotATrend() {
        // 0.4, then a step to 0.7 twenty minutes before the end: a deploy, not a leak
        Series s = series(HOUR, t -> minutes(t) < 40 ? 0.4 : 0.7, 0.01, 5);
        Forecast f = fit(new RobustTrend(), Observations.of(s), end(s));
        assertThat(f.crossesWithin(HORIZON)).isFalse();
        assertThat(f.confidence()).isLessThan(0.05);
    }

    @Test
    void aStaircaseOfSmallStepsIsTheLeakItIs() {
        // +0.03 every 5 minutes from 0.3: 0.6 a hour on, out about 50 minutes after the window
        Series s = series(HOUR, t -> 0.3 + 0.03 * Math.floor(minutes(t) / 5), 0.005, 6);
        Forecast f = fit(new RobustTrend(), Observations.of(s), end(s));
        assertThat(f.timeToExhaustion().orElseThrow().toMinutes()).isBetween(40L, 62L);
    }

    @Test
    void aFlatNoisySeriesIsNotForecastToRunOut() {
        Series s = series(HOUR, t -> 0.6, 0.03, 3);
        Forecast f = fit(new RobustTrend(), Observations.of(s), end(s));
        assertThat(f.crossesWithin(HORIZON)).isFalse();
        assertThat(f.confidence()).isLessThan(0.05);
    }

    @Test
    void holtSeesAnAcceleratingLeakSoonerThanTheStraightLine() {
        // quadratic growth: the true crossing is where 0.2 + 0.00025 m^2 = 1, m = 56.6; now is minute 50
        Series s = series(Duration.ofMinutes(50), t -> 0.2 + 0.00025 * Math.pow(minutes(t), 2), 0.003, 4);
        Instant now = end(s);
        double truth = Math.sqrt(0.8 / 0.00025) - minutes(now.toEpochMilli() - START.toEpochMilli());
        double holt = fit(new HoltTrend(), Observations.of(s), now).timeToExhaustion().orElseThrow().toSeconds() / 60.0;
        double line = fit(new RobustTrend(), Observations.of(s), now).timeToExhaustion().orElseThrow().toSeconds() / 60.0;
        assertThat(Math.abs(holt - truth)).isLessThan(Math.abs(line - truth));
        assertThat(holt).isCloseTo(truth, within(truth * 0.35));
    }

    @Test
    void aSawtoothWithASteadyFloorIsNotALeak() {
        // a heap that climbs from 0.3 to 0.9 every five minutes and is collected back to 0.3
        Series s = series(HOUR, t -> 0.3 + 0.6 * ((t % 300_000) / 300_000.0), 0.005, 5);
        Forecast f = fit(new Sawtooth(), Observations.of(s), end(s));
        assertThat(f.level()).isCloseTo(0.3, within(0.03));
        assertThat(f.crossesWithin(HORIZON)).isFalse();
        assertThat(f.confidence()).isLessThan(0.05);
    }

    @Test
    void aSawtoothWhoseFloorRisesRunsOutWhenTheFloorReachesTheLimit() {
        // the floor rises 0.01 a minute from 0.2: it reaches 1.0 at minute 80, twenty minutes after now
        Series s = series(HOUR, t -> 0.2 + 0.01 * minutes(t) + 0.3 * ((t % 240_000) / 240_000.0), 0.003, 6);
        Forecast f = fit(new Sawtooth(), Observations.of(s), end(s));
        assertThat(f.timeToExhaustion().orElseThrow().toSeconds() / 60.0).isCloseTo(20.0, within(2.0));
    }

    @Test
    void aDailyCycleThatPeaksUnderTheLimitIsNotExhaustion() {
        // three days and more of a cycle between 0.4 and 0.8 peaking at 15:00, in five-minute means; now is 09:00, rising
        Duration threeDays = Duration.ofDays(3).plusHours(9);
        Series history = series(START, threeDays, Duration.ofMinutes(5), t -> daily(t), 0.01, 7);
        Instant now = end(history);
        Series recent = series(now.minus(HOUR), HOUR, Duration.ofSeconds(10), t -> daily(t), 0.01, 8);
        Observations seen = new Observations(recent, history, OptionalLong.empty());
        Forecast seasonal = Exhaustion.of("seasonal", new DailySeason().fit(seen).orElseThrow(), 0.85, now,
                Duration.ofHours(12), Duration.ofHours(24));
        Forecast line = Exhaustion.of("linear", new RobustTrend().fit(seen).orElseThrow(), 0.85, now,
                Duration.ofHours(12), Duration.ofHours(24));
        assertThat(line.crossesWithin(Duration.ofHours(12))).as("a line through the morning calls the rise a leak").isTrue();
        assertThat(seasonal.crossesWithin(Duration.ofHours(12))).isFalse();
        assertThat(seasonal.confidence()).isLessThan(0.2);
    }

    static double daily(long millisSinceStart) {
        double hours = millisSinceStart / 3_600_000.0;
        return 0.6 + 0.2 * Math.cos(2 * Math.PI * (hours - 15) / 24);
    }

    @Test
    void aQuotaDrainedFasterThanItResetsRunsOutBeforeTheReset() {
        // 5000 calls a window, 100 used a minute from zero: out at minute 50, the window resets at minute 60
        Series s = series(Duration.ofMinutes(20), t -> 100 * minutes(t), 3, 9);
        Instant now = end(s);
        Observations seen = new Observations(s, Series.EMPTY, OptionalLong.of(START.plus(HOUR).toEpochMilli()));
        Forecast f = Exhaustion.of("quota", new QuotaWindow().fit(seen).orElseThrow(), 5000, now, HOUR, SPAN);
        double truth = 50 - minutes(now.toEpochMilli() - START.toEpochMilli());
        assertThat(f.timeToExhaustion().orElseThrow().toSeconds() / 60.0).isCloseTo(truth, within(1.0));
    }

    @Test
    void aQuotaThatLastsUntilItsResetSurvivesIt() {
        // 60 a minute: 3600 by the reset at minute 60, under 5000; the next window starts at zero
        Series s = series(Duration.ofMinutes(20), t -> 60 * minutes(t), 3, 10);
        Observations seen = new Observations(s, Series.EMPTY, OptionalLong.of(START.plus(HOUR).toEpochMilli()));
        Forecast f = Exhaustion.of("quota", new QuotaWindow().fit(seen).orElseThrow(), 5000, end(s), HOUR, HOUR);
        assertThat(f.crossesWithin(HOUR)).isFalse();
        assertThat(f.confidence()).isLessThan(0.05);
    }

    @Test
    void forecastersThatDoNotApplySayNothing() {
        Series flat = series(HOUR, t -> 0.5, 0.001, 11);
        assertThat(new Sawtooth().fit(Observations.of(flat))).isEmpty();
        assertThat(new DailySeason().fit(Observations.of(flat))).as("no long history").isEmpty();
        assertThat(new QuotaWindow().fit(Observations.of(flat))).as("no reset").isEmpty();
        assertThat(new RobustTrend().fit(Observations.of(flat.slice(0, 3)))).isEmpty();
    }
}
