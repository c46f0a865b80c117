package dev.selfheal.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusDamperTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final StatusDamper damper = new StatusDamper(3, 2, now);

    private Optional<StatusDamper.Transition> feed(HealthStatus status) {
        now = now.plusSeconds(30);
        return damper.accept(HealthCheckResult.of(status, status.name().toLowerCase(), java.util.Map.of())
                .stamped(Duration.ofMillis(5), now));
    }

    @Test
    void a_component_starts_unknown_and_turns_healthy_on_its_first_pass() {
        assertThat(damper.status()).isEqualTo(HealthStatus.UNKNOWN);

        var transition = feed(HealthStatus.HEALTHY);

        assertThat(transition).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(HealthStatus.UNKNOWN);
            assertThat(t.to()).isEqualTo(HealthStatus.HEALTHY);
        });
        assertThat(damper.since()).isEqualTo(now);
    }

    @Test
    void it_turns_unhealthy_only_after_the_failure_threshold_of_consecutive_failures() {
        feed(HealthStatus.HEALTHY);

        assertThat(feed(HealthStatus.UNHEALTHY)).isEmpty();
        assertThat(feed(HealthStatus.UNHEALTHY)).isEmpty();
        var third = feed(HealthStatus.UNHEALTHY);

        assertThat(damper.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(third).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(t.reason()).contains("3 consecutive failures");
            assertThat(t.evidence()).hasSize(3).allMatch(r -> r.status() == HealthStatus.UNHEALTHY);
        });
    }

    @Test
    void a_pass_between_failures_resets_the_count_so_flapping_never_alerts() {
        feed(HealthStatus.HEALTHY);
        for (int i = 0; i < 10; i++) {
            feed(HealthStatus.UNHEALTHY);
            feed(HealthStatus.UNHEALTHY);
            feed(HealthStatus.HEALTHY);
        }
        assertThat(damper.status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void it_turns_healthy_again_only_after_the_success_threshold_of_passes() {
        feed(HealthStatus.HEALTHY);
        feed(HealthStatus.UNHEALTHY);
        feed(HealthStatus.UNHEALTHY);
        feed(HealthStatus.UNHEALTHY);

        assertThat(feed(HealthStatus.HEALTHY)).isEmpty();
        assertThat(damper.status()).isEqualTo(HealthStatus.UNHEALTHY);
        var back = feed(HealthStatus.HEALTHY);

        assertThat(damper.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(back).hasValueSatisfying(t -> {
            assertThat(t.from()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(t.evidence()).hasSize(2).allMatch(r -> r.status() == HealthStatus.HEALTHY);
        });
    }

    @Test
    void degraded_results_degrade_a_healthy_component_after_the_threshold() {
        feed(HealthStatus.HEALTHY);
        feed(HealthStatus.DEGRADED);
        feed(HealthStatus.DEGRADED);
        assertThat(damper.status()).isEqualTo(HealthStatus.HEALTHY);

        feed(HealthStatus.DEGRADED);

        assertThat(damper.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void an_unhealthy_component_recovering_to_degraded_reports_degraded() {
        feed(HealthStatus.UNHEALTHY);
        feed(HealthStatus.UNHEALTHY);
        feed(HealthStatus.UNHEALTHY);
        assertThat(damper.status()).isEqualTo(HealthStatus.UNHEALTHY);

        feed(HealthStatus.DEGRADED);
        feed(HealthStatus.DEGRADED);

        assertThat(damper.status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void unknown_results_change_nothing() {
        feed(HealthStatus.HEALTHY);
        feed(HealthStatus.UNHEALTHY);
        feed(HealthStatus.UNKNOWN);
        feed(HealthStatus.UNHEALTHY);
        assertThat(damper.status()).isEqualTo(HealthStatus.HEALTHY);

        feed(HealthStatus.UNHEALTHY);

        assertThat(damper.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(damper.last()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(HealthStatus.UNHEALTHY));
    }
}
