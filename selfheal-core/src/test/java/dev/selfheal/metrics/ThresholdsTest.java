package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    @Test
    void theDefaultsAreTheDocumentedFigures() {
        Thresholds t = Thresholds.defaults();

        assertThat(t.limit(MetricKind.RESPONSE_TIME_P95)).isEqualTo(100);
        assertThat(t.limit(MetricKind.ERROR_RATE)).isEqualTo(0.01);
        assertThat(t.limit(MetricKind.CPU_USAGE)).isEqualTo(0.80);
        assertThat(t.limit(MetricKind.MEMORY_USAGE)).isEqualTo(0.85);
        assertThat(t.limit(MetricKind.CONCURRENT_REQUESTS)).isEqualTo(1000);
    }

    @Test
    void aComponentWithItsOwnLimitsUsesThemAndOthersUseTheDefaults() {
        ThresholdPolicy policy = new ThresholdPolicy(Thresholds.defaults(),
                Map.of("batch", Thresholds.defaults().with(MetricKind.RESPONSE_TIME_P95, 5000)));

        assertThat(policy.thresholdsFor("batch").limit(MetricKind.RESPONSE_TIME_P95)).isEqualTo(5000);
        assertThat(policy.thresholdsFor("checkout").limit(MetricKind.RESPONSE_TIME_P95)).isEqualTo(100);
    }

    @Test
    void aLimitThatCannotWorkIsRefusedWithTheKindAndTheValue() {
        assertThatThrownBy(() -> Thresholds.defaults().with(MetricKind.CPU_USAGE, 80))
                .hasMessageContaining("cpu").hasMessageContaining("80").hasMessageContaining("below 1");
        assertThatThrownBy(() -> Thresholds.defaults().with(MetricKind.RESPONSE_TIME_P95, -1))
                .hasMessageContaining("response-time-p95").hasMessageContaining("-1");
    }

    @Test
    void anUnknownKindKeyIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> MetricKind.ofKey("latency")).hasMessageContaining("latency").hasMessageContaining("response-time-p95");
        assertThat(MetricKind.ofKey("memory")).isEqualTo(MetricKind.MEMORY_USAGE);
    }
}
