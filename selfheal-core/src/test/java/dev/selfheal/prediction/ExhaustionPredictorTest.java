package dev.selfheal.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.RecoveryStepEnded;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.Severity;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The predictor on virtual time against resources that follow a formula of the minutes since the start. */
class ExhaustionPredictorTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Instant start = scheduler.now();
    private final List<Problem> problems = new ArrayList<>();
    private final EventBus bus = new EventBus();

    /** A resource whose usage is {@code shape(minutes since it was last released)} plus noise. */
    private final class Formula implements ResourceGauge {
        final Resource resource;
        final DoubleUnaryOperator shape;
        final Random noise = new Random(7);
        Instant since = start;

        Formula(String component, DoubleUnaryOperator shape) {
            this.resource = new Resource(component, "heap");
            this.shape = shape;
        }

        @Override
        public Resource resource() {
            return resource;
        }

        @Override
        public Optional<Reading> read(Instant now) {
            double minutes = Duration.between(since, now).toMillis() / 60_000.0;
            return Optional.of(Reading.of(shape.applyAsDouble(minutes) + 0.005 * noise.nextGaussian(), 1.0));
        }
    }

    private ExhaustionPredictor predictor(ResourceGauge... gauges) {
        ExhaustionPredictor p = new ExhaustionPredictor(List.of(gauges), ForecastSelector.standard(),
                PredictionSettings.defaults(), problems::add, scheduler);
        p.start();
        return p;
    }

    @Test
    void aLeakIsReportedOnceBeforeItRunsOutWithItsLeadTimeAndThenMoreUrgently() {
        // 0.2 + 0.01 a minute: out at minute 80; the horizon is 30 minutes
        ExhaustionPredictor p = predictor(new Formula("github-sim", m -> 0.2 + 0.01 * m));
        scheduler.advance(Duration.ofMinutes(40));
        assertThat(problems).isEmpty();
        scheduler.advance(Duration.ofMinutes(20));
        assertThat(problems).hasSize(1);
        Problem first = problems.getFirst();
        assertThat(first.type()).isEqualTo(ExhaustionPredictor.PREDICTED_EXHAUSTION);
        assertThat(first.component()).isEqualTo("github-sim");
        assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(first.evidence()).startsWith("heap of github-sim will be exhausted in about");
        long lead = Duration.between(first.at(), start.plus(Duration.ofMinutes(80))).toMinutes();
        assertThat(lead).isBetween(25L, 31L);
        scheduler.advance(Duration.ofMinutes(15));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(1).severity()).isEqualTo(Severity.HIGH);
        assertThat(p.standing("github-sim")).isPresent();
        assertThat(p.forecasts().getFirst().forecast().timeToExhaustion().orElseThrow()).isLessThan(Duration.ofMinutes(10));
    }

    @Test
    void aSteadyResourceAndAGcSawtoothRaiseNothing() {
        ExhaustionPredictor p = predictor(new Formula("steady", m -> 0.6),
                new Formula("collected", m -> 0.3 + 0.6 * (m % 1)));
        scheduler.advance(Duration.ofHours(6));
        assertThat(problems).isEmpty();
        assertThat(p.standing("steady")).isEmpty();
        assertThat(p.standing("collected")).isEmpty();
        assertThat(p.forecasts()).extracting(f -> f.forecast().method()).contains("sawtooth");
    }

    @Test
    void nothingIsTrustedBeforeEnoughReadings() {
        // out at minute 10: still four minutes left when the predictor first trusts it
        ExhaustionPredictor p = predictor(new Formula("fast", m -> 0.5 + 0.05 * m));
        scheduler.advance(Duration.ofSeconds(350));
        assertThat(problems).isEmpty();
        assertThat(p.forecasts().getFirst().forecast().method()).isEqualTo("none");
        // trusted from the 36th reading, then the crossing must hold for the persistence (2 min, or half the time left) first
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(p.forecasts().getFirst().forecast().crossesWithin(Duration.ofMinutes(30))).isTrue();
        assertThat(problems).isEmpty();
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(problems).hasSize(1);
    }

    @Test
    void aClimbThatStopsBeforeTheCrossingHasHeldForThePersistenceRaisesNothing() {
        // steady at 0.3 for an hour, then a burst of 0.06 a minute for 90 s, then steady at the new level
        ExhaustionPredictor p = predictor(new Formula("burst", m -> m < 60 ? 0.3 : 0.3 + 0.06 * Math.min(m - 60, 1.5)));
        scheduler.advance(Duration.ofMinutes(75));
        assertThat(problems).isEmpty();
        assertThat(p.standing("burst")).isEmpty();
        // the same climb going on is reported once it has held for the persistence
        ExhaustionPredictor q = new ExhaustionPredictor(List.of(new Formula("leak", m -> m < 60 ? 0.3 : 0.3 + 0.06 * (m - 60))),
                ForecastSelector.standard(), PredictionSettings.defaults(), problems::add, scheduler);
        q.start();
        scheduler.advance(Duration.ofMinutes(70));
        assertThat(problems).extracting(Problem::component).containsExactly("leak");
        q.close();
        p.close();
    }

    @Test
    void theConfidenceGateHoldsBackACrossingTheForecastIsUnsureOf() {
        // a slow climb in heavy noise: the expected line reaches the limit within the horizon, its band mostly does not
        Random wild = new Random(11);
        ResourceGauge noisy = new ResourceGauge() {
            private final Resource resource = new Resource("noisy", "queue");

            @Override
            public Resource resource() {
                return resource;
            }

            @Override
            public Optional<Reading> read(Instant now) {
                double minutes = Duration.between(start, now).toMillis() / 60_000.0;
                return Optional.of(Reading.of(0.2 + 0.0075 * minutes + 0.25 * wild.nextGaussian(), 1.0));
            }
        };
        ExhaustionPredictor strict = new ExhaustionPredictor(List.of(noisy), ForecastSelector.standard(),
                PredictionSettings.defaults(), problems::add, scheduler);
        strict.start();
        scheduler.advance(Duration.ofMinutes(80));
        ResourceForecast f = strict.forecasts().getFirst();
        assertThat(f.forecast().crossesWithin(Duration.ofMinutes(30))).isTrue();
        assertThat(f.forecast().confidence()).isLessThan(0.95);
        assertThat(problems).isEmpty();
        strict.close();
    }

    @Test
    void aReleaseThatFreesTheResourceClearsTheWarningAndOneThatFreesNothingDoesNot() {
        Formula leak = new Formula("worker", m -> 0.2 + 0.01 * m);
        ExhaustionPredictor p = predictor(leak).releaseOnRecovery(bus);
        scheduler.advance(Duration.ofMinutes(55));
        assertThat(p.standing("worker")).isPresent();

        // a restart that freed nothing: the same climb goes on
        bus.publish(new RecoveryStepEnded("i-1", "worker", "restart_service", "SUCCEEDED", Duration.ofSeconds(2), "", scheduler.now()));
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(p.standing("worker")).hasValueSatisfying(s -> assertThat(s).contains("not released"));

        // a restart that freed it: the climb starts again from 0.2
        leak.since = scheduler.now();
        bus.publish(new RecoveryStepEnded("i-1", "worker", "restart_service", "SUCCEEDED", Duration.ofSeconds(2), "", scheduler.now()));
        scheduler.advance(Duration.ofSeconds(20));
        assertThat(p.standing("worker")).isEmpty();
        p.close();
    }

    @Test
    void aGaugeThatThrowsCostsOnlyItsOwnReading() {
        ResourceGauge broken = new ResourceGauge() {
            @Override
            public Resource resource() {
                return new Resource("broken", "disk");
            }

            @Override
            public Optional<Reading> read(Instant now) {
                throw new IllegalStateException("no such file system");
            }
        };
        ExhaustionPredictor p = predictor(broken, new Formula("fine", m -> 0.2 + 0.01 * m));
        scheduler.advance(Duration.ofMinutes(70));
        assertThat(p.failures()).isEqualTo(420);
        assertThat(problems).extracting(Problem::component).containsOnly("fine");
        assertThat(p.measures("broken")).isTrue();
        assertThat(p.measures("other")).isFalse();
    }

    /** A batch every two hours: 0.25 to 0.75 in 20 minutes, drained in 10. */
    private static double batches(double m) {
        double t = m % 120;
        return t < 60 ? 0.25 : t < 80 ? 0.25 + 0.5 * (t - 60) / 20 : t < 90 ? 0.75 - 0.5 * (t - 80) / 10 : 0.25;
    }

    @Test
    void aClimbNoHigherThanOneTheResourceCameBackFromOnItsOwnRaisesNothing() {
        // Given a queue that has filled to 0.75 and drained once
        ExhaustionPredictor p = predictor(new Formula("queue", m -> m < 400 ? batches(m) : 0.25 + 0.01 * (m - 400)));
        scheduler.advance(Duration.ofMinutes(100));
        int afterFirst = problems.size();
        // When the same batch comes again, twice
        scheduler.advance(Duration.ofMinutes(300));
        // Then neither is taken for a leak
        assertThat(problems).hasSize(afterFirst);
        // And a leak from minute 400 (out at minute 475) is reported once it climbs past 0.825 (0.75 and 0.3 of the
        // headroom above it), minutes ahead
        scheduler.advance(Duration.ofMinutes(45));
        assertThat(problems).hasSize(afterFirst);
        scheduler.advance(Duration.ofMinutes(26));
        assertThat(problems).hasSizeGreaterThan(afterFirst);
        assertThat(Duration.between(problems.get(afterFirst).at(), start.plus(Duration.ofMinutes(475)))).isGreaterThan(Duration.ofMinutes(4));
        p.close();
    }

    @Test
    void theWaitForPersistenceIsNeverMoreThanHalfTheTimeLeft() {
        // 0.2 for 40 minutes, then 0.05 a minute: out at minute 56
        ExhaustionPredictor p = new ExhaustionPredictor(List.of(new Formula("fast", m -> m < 40 ? 0.2 : 0.2 + 0.05 * (m - 40))),
                ForecastSelector.standard(), PredictionSettings.defaults().withPersistence(Duration.ofMinutes(10)), problems::add, scheduler);
        p.start();
        scheduler.advance(Duration.ofMinutes(55));
        // a 10-minute persistence would have waited past the failure
        assertThat(problems).isNotEmpty();
        p.close();
    }

    @Test
    void aBatchALittleBiggerThanAnyBeforeIsStillABatch() {
        // Given a queue that has filled to 0.75 and drained, twice
        // When the third batch fills to 0.82 in the same 20 minutes (0.3 of the headroom above 0.75 is 0.825)
        ExhaustionPredictor p = predictor(new Formula("queue", m -> m < 240 ? batches(m) : 0.25 + (batches(m) - 0.25) * 1.14));
        scheduler.advance(Duration.ofMinutes(200));
        int afterFirst = problems.size();
        scheduler.advance(Duration.ofMinutes(160));
        // Then it is not taken for a leak
        assertThat(problems).hasSize(afterFirst);
        p.close();
    }
}
