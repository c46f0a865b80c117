package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SystemCheckTest {

    private static final long TOTAL = 16L << 30;

    private static HealthCheckResult checkWith(OptionalDouble cpu, double memoryUsed) {
        long available = Math.round(TOTAL * (1.0 - memoryUsed));
        SystemReadings readings = () -> new SystemReadings.Sample(cpu, TOTAL, available);
        return new SystemCheck(SystemCheck.Settings.defaults(), readings).check();
    }

    @Test
    void a_quiet_machine_is_healthy() {
        HealthCheckResult result = checkWith(OptionalDouble.of(0.25), 0.50);

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("CPU load 25.0%, memory used 50.0%");
        assertThat(result.details()).containsEntry("cpu_load", 0.25).containsEntry("memory_total_bytes", TOTAL);
    }

    @Test
    void cpu_load_follows_the_default_thresholds() {
        assertThat(checkWith(OptionalDouble.of(0.80), 0.5).status()).as("at 80 %").isEqualTo(HealthStatus.HEALTHY);
        assertThat(checkWith(OptionalDouble.of(0.85), 0.5).status()).isEqualTo(HealthStatus.DEGRADED);
        HealthCheckResult pegged = checkWith(OptionalDouble.of(0.99), 0.5);
        assertThat(pegged.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(pegged.message()).isEqualTo("CPU load 99.0% above 95.0%");
    }

    @Test
    void memory_use_follows_the_default_thresholds() {
        assertThat(checkWith(OptionalDouble.of(0.1), 0.90).status()).isEqualTo(HealthStatus.DEGRADED);
        HealthCheckResult full = checkWith(OptionalDouble.of(0.1), 0.97);
        assertThat(full.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(full.message()).isEqualTo("memory used 97.0% above 95.0%");
    }

    @Test
    void both_problems_are_named_and_the_worse_status_wins() {
        HealthCheckResult result = checkWith(OptionalDouble.of(0.90), 0.97);

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("CPU load 90.0% above 80.0%; memory used 97.0% above 95.0%");
    }

    @Test
    void a_cpu_load_not_known_yet_is_left_out_instead_of_read_as_zero() {
        HealthCheckResult result = checkWith(OptionalDouble.empty(), 0.5);

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.message()).isEqualTo("CPU load not known yet, memory used 50.0%");
        assertThat(result.details()).doesNotContainKey("cpu_load");
    }

    @Test
    void the_real_machine_reports_real_figures() {
        HealthCheckResult result = new SystemCheck(new SystemCheck.Settings(1.0, 1.0, 1.0, 1.0)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat((Long) result.details().get("memory_total_bytes")).isPositive();
        assertThat((Long) result.details().get("memory_available_bytes"))
                .isPositive().isLessThanOrEqualTo((Long) result.details().get("memory_total_bytes"));
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> new SystemCheck.Settings(-0.1, 0.95, 0.85, 0.95))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cpu-load-degraded must be within 0-1: -0.1");
        assertThatThrownBy(() -> new SystemCheck.Settings(0.8, 0.95, 0.96, 0.95))
                .hasMessage("memory-used-degraded must not exceed memory-used-unhealthy (0.95): 0.96");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new SystemCheck(new SystemCheck.Settings(1.0, 1.0, 1.0, 1.0));
        }

        @Override
        protected HealthCheck failingCheck() {
            // Some memory is always in use, so a zero threshold is always crossed.
            return new SystemCheck(new SystemCheck.Settings(1.0, 1.0, 0.0, 0.0));
        }
    }
}
