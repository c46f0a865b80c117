package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.checks.GuardHealthCheck;
import dev.selfheal.status.BreakerState;
import dev.selfheal.status.HealthStatus;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A reset closes the breaker but proves nothing: the guard's health says so until a call succeeds. */
class ResetHealthTest {

    @Test
    void afterAResetTheGuardIsDegradedUntilACallSucceeds() throws Exception {
        // Given github's breaker opened by failures
        GuardFixture f = new GuardFixture(config("github")
                .breaker(BreakerSettings.consecutiveFailures(2, Duration.ofMinutes(10)))
                .retry(dev.selfheal.resilience.retry.RetrySettings.none()).build());
        Guard guard = f.guard("github");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call("op", GuardFixture.failing(new IOException("down")))).isInstanceOf(GuardException.class);
        }
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.UNHEALTHY);

        // When it is reset (what restart_integration does)
        guard.reset();

        // Then it is closed but not yet healthy: nothing has shown the integration works
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        var untested = new GuardHealthCheck(guard).check();
        assertThat(untested.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(untested.message()).isEqualTo("github: circuit breaker reset; no call has succeeded since");
        assertThat(untested.details()).containsEntry("untested_since_reset", true);

        // And a failed call does not prove it either
        assertThatThrownBy(() -> guard.call("op", GuardFixture.failing(new IOException("still down")))).isInstanceOf(GuardException.class);
        assertThat(guard.untestedSinceReset()).isTrue();

        // When a call succeeds, it is healthy
        assertThat(guard.call("op", () -> "ok")).isEqualTo("ok");
        assertThat(guard.untestedSinceReset()).isFalse();
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void aGuardNeverResetIsHealthyBeforeItsFirstCall() throws Exception {
        GuardFixture f = new GuardFixture(config("slack").build());

        assertThat(f.guard("slack").untestedSinceReset()).isFalse();
        assertThat(new GuardHealthCheck(f.guard("slack")).check().status()).isEqualTo(HealthStatus.HEALTHY);
    }
}
