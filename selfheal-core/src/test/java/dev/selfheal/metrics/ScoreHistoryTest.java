package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.anomaly.AnomalyScore;
import dev.selfheal.incident.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Given scores heard from the watch, the history keeps the recent ones per series, within its bounds. */
class ScoreHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    @Test
    void everyScoreTheWatchGivesIsKeptWithItsTimeAndValueAndTheProblemsAreUnchanged() {
        ScoreHistory history = new ScoreHistory(1_000, 10);
        AnomalyWatch plain = AnomalyWatch.defaults();
        AnomalyWatch heard = new AnomalyWatch("ensemble", dev.selfheal.anomaly.AnomalyDetectors.alarmLevel(), 1.0, 10_000, history);
        Random random = new Random(7);
        Instant at = T0;
        int problemsPlain = 0;
        int problemsHeard = 0;
        for (int i = 0; i < 601; i++) {
            double value = i == 600 ? 90 : 40 + random.nextGaussian();
            Measurement m = new Measurement("checkout", MetricKind.RESPONSE_TIME_P95, value, at);
            problemsPlain += plain.observe(m).isPresent() ? 1 : 0;
            problemsHeard += heard.observe(m).isPresent() ? 1 : 0;
            at = at.plusSeconds(10);
        }

        assertThat(problemsHeard).as("listening changes nothing the watch decides").isEqualTo(problemsPlain).isEqualTo(1);
        List<ScoreHistory.Series> series = history.forComponent("checkout", 1_000);
        assertThat(series).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(MetricKind.RESPONSE_TIME_P95);
            assertThat(s.points()).hasSize(601);
            assertThat(s.points().getFirst().at()).isEqualTo(T0);
            assertThat(s.points().getFirst().confidence()).as("learning at first").isLessThan(1.0);
            ScoreHistory.Point last = s.points().getLast();
            assertThat(last.value()).isEqualTo(90);
            assertThat(last.score()).isGreaterThanOrEqualTo(dev.selfheal.anomaly.AnomalyDetectors.alarmLevel());
        });
    }

    @Test
    void eachSeriesKeepsOnlyItsLatestPointsAndALimitTakesTheNewest() {
        ScoreHistory history = new ScoreHistory(5, 10);
        for (int i = 0; i < 12; i++) {
            history.scored(new Measurement("db", MetricKind.CPU_USAGE, i, T0.plusSeconds(i)), new AnomalyScore(0.1, 1));
        }

        assertThat(history.forComponent("db", 100).getFirst().points()).extracting(ScoreHistory.Point::value)
                .containsExactly(7.0, 8.0, 9.0, 10.0, 11.0);
        assertThat(history.forComponent("db", 2).getFirst().points()).extracting(ScoreHistory.Point::value)
                .containsExactly(10.0, 11.0);
    }

    @Test
    void theLeastRecentlyScoredSeriesGoesFirstWhenThereAreTooMany() {
        ScoreHistory history = new ScoreHistory(5, 2);
        history.scored(new Measurement("a", MetricKind.CPU_USAGE, 1, T0), AnomalyScore.NONE);
        history.scored(new Measurement("b", MetricKind.CPU_USAGE, 1, T0), AnomalyScore.NONE);
        history.scored(new Measurement("a", MetricKind.CPU_USAGE, 2, T0.plusSeconds(1)), AnomalyScore.NONE);
        history.scored(new Measurement("c", MetricKind.CPU_USAGE, 1, T0), AnomalyScore.NONE);

        assertThat(history.seriesCount()).isEqualTo(2);
        assertThat(history.forComponent("b", 10)).isEmpty();
        assertThat(history.forComponent("a", 10)).singleElement().extracting(s -> s.points().size()).isEqualTo(2);
        assertThat(history.forComponent("c", 10)).hasSize(1);
    }

    @Test
    void aComponentsSeriesComeInMetricKindOrderAndOtherComponentsAreNotMixedIn() {
        ScoreHistory history = new ScoreHistory(5, 10);
        history.scored(new Measurement("web", MetricKind.MEMORY_USAGE, 0.5, T0), AnomalyScore.NONE);
        history.scored(new Measurement("web", MetricKind.RESPONSE_TIME_P95, 20, T0), AnomalyScore.NONE);
        history.scored(new Measurement("web-2", MetricKind.CPU_USAGE, 0.1, T0), AnomalyScore.NONE);

        assertThat(history.forComponent("web", 10)).extracting(ScoreHistory.Series::kind)
                .containsExactly(MetricKind.RESPONSE_TIME_P95, MetricKind.MEMORY_USAGE);
        assertThat(history.forComponent("nobody", 10)).isEmpty();
    }

    @Test
    void aListenerThatThrowsCostsOnlyItsOwnRecordNotTheProblem() {
        AnomalyWatch watch = new AnomalyWatch("ensemble", 0.65, 0.0, 10, (m, s) -> {
            throw new IllegalStateException("broken chart");
        });
        Optional<Problem> ignored = watch.observe(new Measurement("x", MetricKind.CPU_USAGE, 0.5, T0));

        assertThat(ignored).isEmpty();
        assertThat(watch.listenerFailures()).isEqualTo(1);
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new ScoreHistory(0, 1)).hasMessageContaining("must be positive: 0, 1");
    }
}
