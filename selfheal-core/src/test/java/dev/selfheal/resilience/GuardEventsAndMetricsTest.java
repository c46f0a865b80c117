package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.events.BreakerStateChanged;
import dev.selfheal.health.checks.GuardHealthCheck;
import dev.selfheal.resilience.retry.RetrySettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every breaker transition is an event on the bus and a meter. */
class GuardEventsAndMetricsTest {

    @Test
    void everyTransitionIsPublishedAndCounted() {
        // Given slack (3 consecutive failures, 30 s)
        GuardFixture f = new GuardFixture(config("slack").retry(RetrySettings.none()).build());
        Guard guard = f.guard("slack");

        // When it opens, half-opens, fails the trial, half-opens again, closes, is forced open and reset
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
        }
        f.time.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
        f.time.advance(Duration.ofSeconds(31));
        guard.call("op", () -> "ok");
        guard.forceOpen();
        guard.reset();

        // Then each transition is an event, in order, stamped with virtual time
        List<BreakerStateChanged> events = f.events(BreakerStateChanged.class);
        assertThat(events).extracting(e -> e.from() + ">" + e.to()).containsExactly(
                "CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED",
                "CLOSED>FORCED_OPEN", "FORCED_OPEN>CLOSED");
        assertThat(events).allSatisfy(e -> assertThat(e.integration()).isEqualTo("slack"));
        assertThat(events).allSatisfy(e -> assertThat(e.registry()).isEqualTo(f.registry.id()));
        assertThat(events.get(1).at()).isEqualTo(f.time.now().minusSeconds(31));

        // And counted per (from, to)
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "closed", "to", "open")).isEqualTo(1);
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "open", "to", "half_open")).isEqualTo(2);
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "half_open", "to", "open")).isEqualTo(1);
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "half_open", "to", "closed")).isEqualTo(1);
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "closed", "to", "forced_open")).isEqualTo(1);
        assertThat(f.counter("selfheal.breaker.transitions", "integration", "slack", "from", "forced_open", "to", "closed")).isEqualTo(1);
    }

    @Test
    void theStateGaugeShowsTheCurrentState() {
        GuardFixture f = new GuardFixture(config("codegen").retry(RetrySettings.none()).build());
        Guard guard = f.guard("codegen");
        assertThat(f.gauge("selfheal.breaker.state", "integration", "codegen", "state", "closed")).isEqualTo(1);
        assertThat(f.gauge("selfheal.breaker.state", "integration", "codegen", "state", "open")).isEqualTo(0);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
        }

        assertThat(f.gauge("selfheal.breaker.state", "integration", "codegen", "state", "closed")).isEqualTo(0);
        assertThat(f.gauge("selfheal.breaker.state", "integration", "codegen", "state", "open")).isEqualTo(1);
        assertThat(f.counter("selfheal.guard.calls", "integration", "codegen", "outcome", "failure")).isEqualTo(2);
        assertThatThrownBy(() -> guard.call("op", () -> "x")).isInstanceOf(CallRejectedException.class);
        assertThat(f.counter("selfheal.guard.calls", "integration", "codegen", "outcome", "rejected")).isEqualTo(1);
    }

    @Test
    void theGuardsHealthFollowsItsBreaker() throws Exception {
        GuardFixture f = new GuardFixture(config("codegen").retry(RetrySettings.none()).build());
        Guard guard = f.guard("codegen");
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(dev.selfheal.status.HealthStatus.HEALTHY);

        guard.forceOpen();

        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(dev.selfheal.status.HealthStatus.UNHEALTHY);
        assertThat(new GuardHealthCheck(guard).check().message()).contains("FORCED_OPEN");
    }
}
