package dev.selfheal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.Severity;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViolationTest {

    private static Measurement m(MetricKind kind, double value) {
        return new Measurement("checkout", kind, value, Instant.EPOCH);
    }

    @ParameterizedTest(name = "p95 of {0} ms against 100 ms is {1}")
    @CsvSource({"120, LOW", "130, MEDIUM", "180, HIGH", "200, CRITICAL", "900, CRITICAL"})
    void aDurationIsGradedByItsExcessOverTheLimit(double value, Severity expected) {
        assertThat(Violation.of(m(MetricKind.RESPONSE_TIME_P95, value), 100)).get()
                .extracting(Violation::severity).isEqualTo(expected);
    }

    @ParameterizedTest(name = "CPU at {0} against 80 % is {1}")
    @CsvSource({"0.84, LOW", "0.86, MEDIUM", "0.92, HIGH", "1.0, CRITICAL"})
    void aFractionIsGradedByTheShareOfTheHeadroomItUsed(double value, Severity expected) {
        assertThat(Violation.of(m(MetricKind.CPU_USAGE, value), 0.8)).get()
                .extracting(Violation::severity).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is not a violation of 100")
    @CsvSource({"99", "100", "NaN"})
    void aValueAtOrBelowTheLimitOrUnknownIsNoViolation(double value) {
        assertThat(Violation.of(m(MetricKind.RESPONSE_TIME_P95, value), 100)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theEvidenceNamesComponentKindValueAndLimit() {
        assertThat(Violation.of(m(MetricKind.RESPONSE_TIME_P95, 140), 100).orElseThrow().evidence())
                .isEqualTo("checkout response-time-p95 140 over limit 100 (0.40 over)");
    }
}
