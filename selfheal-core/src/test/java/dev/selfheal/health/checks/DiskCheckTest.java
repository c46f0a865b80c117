package dev.selfheal.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.HealthCheck;
import dev.selfheal.health.HealthCheckContract;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskCheckTest {

    @TempDir
    Path dir;

    @Test
    void with_thresholds_at_zero_any_free_space_is_healthy_and_the_figures_are_real() throws Exception {
        HealthCheckResult result = new DiskCheck(new DiskCheck.Settings(dir, 0.0, 0.0)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        var store = Files.getFileStore(dir);
        assertThat((Long) result.details().get("total_bytes")).isEqualTo(store.getTotalSpace());
        assertThat((Long) result.details().get("free_bytes")).isPositive().isLessThanOrEqualTo(store.getTotalSpace());
        assertThat((Double) result.details().get("free_ratio")).isBetween(0.0, 1.0);
        assertThat(result.message()).contains("free on " + dir);
    }

    @Test
    void free_space_below_the_degraded_threshold_is_degraded() throws Exception {
        HealthCheckResult result = new DiskCheck(new DiskCheck.Settings(dir, 1.0, 0.0)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("below 100.0%");
    }

    @Test
    void free_space_below_the_unhealthy_threshold_is_unhealthy() throws Exception {
        HealthCheckResult result = new DiskCheck(new DiskCheck.Settings(dir, 1.0, 1.0)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void a_missing_path_is_unhealthy_saying_so() throws Exception {
        Path missing = dir.resolve("not-there");

        HealthCheckResult result = new DiskCheck(DiskCheck.Settings.defaults(missing)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).isEqualTo("path " + missing + " does not exist");
    }

    @Test
    void bad_settings_are_refused_naming_the_key_and_the_value() {
        assertThatThrownBy(() -> new DiskCheck.Settings(dir, 1.5, 0.05))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("free-ratio-degraded must be within 0-1: 1.5");
        assertThatThrownBy(() -> new DiskCheck.Settings(dir, 0.05, 0.10))
                .hasMessage("free-ratio-degraded must not be below free-ratio-unhealthy (0.1): 0.05");
        assertThatThrownBy(() -> new DiskCheck.Settings(null, 0.1, 0.05)).hasMessage("path must be set");
    }

    @Nested
    class Contract extends HealthCheckContract {

        @Override
        protected HealthCheck healthyCheck() {
            return new DiskCheck(new DiskCheck.Settings(dir, 0.0, 0.0));
        }

        @Override
        protected HealthCheck failingCheck() {
            return new DiskCheck(new DiskCheck.Settings(dir, 1.0, 1.0));
        }
    }
}
