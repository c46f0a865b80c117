package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Given measurements from a scripted source, when the monitor assesses, then problems follow. */
class PerformanceMonitorTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final List<Problem> reported = new ArrayList<>();
    private final double[] latency = {50};

    private final MetricSource scripted = new MetricSource() {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<Measurement> collect(Instant at) {
            return List.of(new Measurement("checkout", MetricKind.RESPONSE_TIME_P95, latency[0], at));
        }
    };

    private PerformanceMonitor monitor(Optional<AnomalyWatch> watch) {
        return new PerformanceMonitor(List.of(scripted), ThresholdPolicy.defaultPolicy(), reported::add, clock, watch);
    }

    @Test
    void aViolationIsReportedWhenItStartsAndWhenItGetsWorseNotOnEveryCycle() {
        PerformanceMonitor monitor = monitor(Optional.empty());
        latency[0] = 120;
        monitor.assess();
        monitor.assess();
        latency[0] = 250;
        monitor.assess();

        assertThat(reported).extracting(Problem::severity).containsExactly(Severity.LOW, Severity.CRITICAL);
        assertThat(reported.get(0).type()).isEqualTo(ProblemType.PERFORMANCE_DEGRADATION);
        assertThat(reported.get(0).source()).isEqualTo("performance");
        assertThat(reported.get(0).evidence()).contains("checkout response-time-p95 120 over limit 100");
        assertThat(monitor.violationCount()).isEqualTo(1);
    }

    @Test
    void aViolationThatEndsIsNoLongerCountedAndIsReportedAgainIfItReturns() {
        PerformanceMonitor monitor = monitor(Optional.empty());
        latency[0] = 120;
        monitor.assess();
        latency[0] = 80;
        monitor.assess();
        assertThat(monitor.violationCount()).isZero();

        latency[0] = 120;
        monitor.assess();
        assertThat(reported).hasSize(2);
    }

    @Test
    void theLimitAComponentIsOverStandsUntilACycleFindsItWithinThem() {
        PerformanceMonitor monitor = monitor(Optional.empty());
        assertThat(monitor.measures("checkout")).as("nothing measured before the first cycle").isFalse();
        latency[0] = 250;
        monitor.assess();

        assertThat(monitor.measures("checkout")).isTrue();
        assertThat(monitor.measures("billing")).isFalse();
        assertThat(monitor.standingViolation("checkout")).map(Violation::evidence).hasValueSatisfying(
                evidence -> assertThat(evidence).contains("checkout response-time-p95 250 over limit 100"));
        assertThat(monitor.standingViolation("billing")).isEmpty();

        latency[0] = 80;
        monitor.assess();
        assertThat(monitor.standingViolation("checkout")).isEmpty();
    }

    @Test
    void aSourceThatThrowsCostsOnlyItsOwnFigures() {
        MetricSource broken = new MetricSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Measurement> collect(Instant at) {
                throw new IllegalStateException("prometheus down");
            }
        };
        latency[0] = 300;
        var monitor = new PerformanceMonitor(List.of(broken, scripted), ThresholdPolicy.defaultPolicy(), reported::add, clock, Optional.empty());

        monitor.assess();

        assertThat(monitor.sourceFailures()).isEqualTo(1);
        assertThat(reported).hasSize(1);
    }

    @Test
    void aSuddenJumpWithinTheLimitsBecomesAnAnomalyProblemWithTheSeriesAndScore() {
        PerformanceMonitor monitor = monitor(Optional.of(AnomalyWatch.defaults()));
        Random random = new Random(7);
        for (int i = 0; i < 600; i++) {
            latency[0] = 40 + random.nextGaussian();
            monitor.assess();
            now.set(now.get().plus(Duration.ofSeconds(10)));
        }
        assertThat(reported).as("no problem while the series is ordinary").isEmpty();

        latency[0] = 90; // still below the 100 ms limit, but fifty deviations away from normal
        monitor.assess();

        assertThat(reported).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(ProblemType.PERFORMANCE_DEGRADATION);
            assertThat(p.source()).isEqualTo("anomaly");
            assertThat(p.evidence()).contains("checkout/response-time-p95").contains("value 90").contains("score");
        });
    }

    @Test
    void aMemoryAnomalyIsAHighMemoryUsageProblem() {
        AnomalyWatch watch = AnomalyWatch.defaults();
        Instant at = now.get();
        Random random = new Random(3);
        Optional<Problem> last = Optional.empty();
        for (int i = 0; i < 600; i++) {
            last = watch.observe(new Measurement("worker", MetricKind.MEMORY_USAGE, 0.5 + 0.01 * random.nextGaussian(), at));
            at = at.plusSeconds(10);
        }
        assertThat(last).isEmpty();

        Optional<Problem> problem = watch.observe(new Measurement("worker", MetricKind.MEMORY_USAGE, 0.8, at));

        assertThat(problem).get().extracting(Problem::type).isEqualTo(ProblemType.HIGH_MEMORY_USAGE);
    }

    @Test
    void theWatchKeepsAtMostItsMaximumNumberOfSeries() {
        AnomalyWatch watch = new AnomalyWatch("ensemble", 0.65, 1.0, 3);
        for (int i = 0; i < 10; i++) {
            watch.observe(new Measurement("c" + i, MetricKind.CPU_USAGE, 0.5, now.get()));
        }

        assertThat(watch.seriesCount()).isEqualTo(3);
    }
}
