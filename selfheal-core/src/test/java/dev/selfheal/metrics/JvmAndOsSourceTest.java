package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JvmAndOsSourceTest {

    @Test
    void cpuAndMemoryAreReportedForTheComponent() {
        var source = new JvmAndOsSource("host", () -> 0.93, () -> 0.4);

        assertThat(source.collect(Instant.EPOCH)).extracting(Measurement::kind, Measurement::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MetricKind.CPU_USAGE, 0.93),
                        org.assertj.core.groups.Tuple.tuple(MetricKind.MEMORY_USAGE, 0.4));
    }

    @Test
    void aReadingThePlatformCannotGiveIsLeftOut() {
        var source = new JvmAndOsSource("host", () -> -1, () -> Double.NaN);

        assertThat(source.collect(Instant.EPOCH)).isEmpty();
    }

    @Test
    void thePlatformGivesFractions() {
        assertThat(JvmAndOsSource.platform("jvm").collect(Instant.EPOCH))
                .allSatisfy(m -> assertThat(m.value()).isBetween(0.0, 1.0))
                .extracting(Measurement::kind).contains(MetricKind.MEMORY_USAGE);
    }
}
