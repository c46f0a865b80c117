package dev.selfheal.prediction;

import static dev.selfheal.prediction.Generated.end;
import static dev.selfheal.prediction.Generated.minutes;
import static dev.selfheal.prediction.Generated.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The curved forecaster on generated series (an hour of readings every ten seconds, read at the end). */
class CurvedTrendTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration HORIZON = Duration.ofMinutes(30);
    private static final Duration SPAN = Duration.ofHours(4);

    private static Forecast fit(Forecaster f, Series s) {
        return Exhaustion.of(f.name(), f.fit(Observations.of(s)).orElseThrow(), 1.0, end(s), HORIZON, SPAN);
    }

    @Test
    void anAcceleratingLeakIsForecastToRunOutSoonerThanTheLineSays() {
        // 0.3 + 0.7 (m / 70)^2: out at minute 70, ten minutes after the window; the line through the hour lags the bend
        Series s = series(HOUR, t -> 0.3 + 0.7 * Math.pow(minutes(t) / 70, 2), 0.01, 11);
        Forecast curved = fit(new CurvedTrend(), s);
        Forecast line = fit(new RobustTrend(), s);
        double curvedLeft = curved.timeToExhaustion().orElseThrow().toSeconds() / 60.0;
        assertThat(curvedLeft).isCloseTo(10.0, within(1.5));
        assertThat(curved.confidence()).isGreaterThan(0.95);
        assertThat(line.timeToExhaustion().map(d -> d.toSeconds() / 60.0).orElse(Double.POSITIVE_INFINITY))
                .isGreaterThan(curvedLeft + 2);
    }

    @Test
    void theSelectorPrefersTheCurveForAnAcceleratingLeakAndTheLineForAStraightOne() {
        Series bent = series(HOUR, t -> 0.3 + 0.7 * Math.pow(minutes(t) / 70, 2), 0.01, 12);
        Series straight = series(HOUR, t -> 0.3 + 0.01 * minutes(t), 0.01, 13);
        ForecastSelector selector = ForecastSelector.standard();
        assertThat(selector.choose(Observations.of(bent), 1.0, HORIZON).forecaster().name()).isEqualTo("curved");
        assertThat(selector.choose(Observations.of(straight), 1.0, HORIZON).forecaster().name()).isEqualTo("linear");
    }

    @Test
    void aStraightLineFlatNoiseOrADownwardBendHasNoCurve() {
        assertThat(new CurvedTrend().fit(Observations.of(series(HOUR, t -> 0.3 + 0.01 * minutes(t), 0.01, 14)))).isEmpty();
        assertThat(new CurvedTrend().fit(Observations.of(series(HOUR, t -> 0.5, 0.02, 15)))).isEmpty();
        // a fill that slows down as it nears a level: bent, but downwards
        assertThat(new CurvedTrend().fit(Observations.of(series(HOUR, t -> 0.9 - 0.6 * Math.exp(-minutes(t) / 20), 0.005, 16))))
                .isEmpty();
    }

    @Test
    void aLevelThatSteppedUpOnceIsNoBend() {
        // a deploy raised the level by 0.2 at minute 40, flat on both sides
        Series s = series(HOUR, t -> minutes(t) < 40 ? 0.4 : 0.6, 0.005, 17);
        assertThat(new CurvedTrend().fit(Observations.of(s))).isEmpty();
    }
}
