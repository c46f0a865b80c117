package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicrometerSourceTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theP95OfATimerWithAPublishedPercentileIsReadInMilliseconds() {
        Timer timer = Timer.builder("http.server.requests").tag("uri", "/pay").publishPercentiles(0.95).register(registry);
        for (int i = 1; i <= 100; i++) {
            timer.record(Duration.ofMillis(i < 95 ? 10 : 300));
        }
        var source = new MicrometerSource(registry,
                List.of(MeterBinding.of("checkout", MetricKind.RESPONSE_TIME_P95, "http.server.requests", "uri", "/pay")));

        List<Measurement> out = source.collect(Instant.EPOCH);

        assertThat(out).singleElement().satisfies(m -> {
            assertThat(m.component()).isEqualTo("checkout");
            assertThat(m.value()).isGreaterThan(100);
        });
    }

    @Test
    void theP95OfATimerWithOnlyAHistogramIsTheBucketThatHoldsNinetyFivePercent() {
        Timer timer = Timer.builder("calls").publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(200)).register(registry);
        for (int i = 0; i < 100; i++) {
            timer.record(Duration.ofMillis(i < 90 ? 20 : 150));
        }
        var source = new MicrometerSource(registry, List.of(MeterBinding.of("api", MetricKind.RESPONSE_TIME_P95, "calls")));

        double p95 = source.collect(Instant.EPOCH).get(0).value();

        assertThat(p95).isGreaterThan(50).isLessThanOrEqualTo(200);
    }

    @Test
    void theErrorRateIsCountedBetweenTwoCollections() {
        Counter failures = registry.counter("calls.failed", "integration", "github");
        Counter total = registry.counter("calls.total", "integration", "github");
        var source = new MicrometerSource(registry,
                List.of(MeterBinding.errorRate("github", "calls.failed", "calls.total", "integration", "github")));
        failures.increment(50);
        total.increment(100);

        assertThat(source.collect(Instant.EPOCH)).as("first collection: no window yet").isEmpty();

        failures.increment(3);
        total.increment(200);
        assertThat(source.collect(Instant.EPOCH)).singleElement()
                .satisfies(m -> assertThat(m.value()).isCloseTo(0.015, within(1e-12)));
    }

    @Test
    void aGaugeGivesItsValueAndAMissingMeterGivesNothing() {
        AtomicInteger inFlight = registry.gauge("requests.active", new AtomicInteger(1200));
        var source = new MicrometerSource(registry, List.of(
                MeterBinding.of("api", MetricKind.CONCURRENT_REQUESTS, "requests.active"),
                MeterBinding.of("api", MetricKind.MEMORY_USAGE, "not.registered")));

        assertThat(source.collect(Instant.EPOCH)).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(inFlight.get()));
    }
}
