package dev.selfheal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardRegistryTest {

    @Test
    void anUnknownIntegrationFailsFastNamingItAndTheConfiguredOnes() {
        GuardRegistry registry = GuardRegistry.builder().scheduler(new dev.selfheal.time.VirtualScheduler()).defaultIntegrations().build();

        assertThatThrownBy(() -> registry.guard("jira"))
                .isInstanceOfSatisfying(UnknownIntegrationException.class, e -> assertThat(e.integration()).isEqualTo("jira"))
                .hasMessage("no guard for integration 'jira'; configured integrations: [codegen, github, linear, slack]");
    }

    @Test
    void anEmptyRegistrySaysSo() {
        GuardRegistry registry = GuardRegistry.builder().scheduler(new dev.selfheal.time.VirtualScheduler()).build();
        assertThatThrownBy(() -> registry.guard("slack")).hasMessageContaining("configured integrations: (none)");
    }

    @Test
    void guardsComeFromConfigAndFromCodeButNeverTwicePerName() {
        GuardRegistry registry = GuardRegistry.builder().scheduler(new dev.selfheal.time.VirtualScheduler())
                .guard(GuardConfig.defaults("linear")).build();
        registry.register(GuardConfig.defaults("pagerduty"));

        assertThat(registry.names()).containsExactly("linear", "pagerduty");
        assertThat(registry.guard("pagerduty").config().breaker()).isEqualTo(GuardDefaults.OTHER);
        assertThatThrownBy(() -> registry.register(GuardConfig.defaults("linear")))
                .hasMessage("integration 'linear' already has a guard");
        assertThatThrownBy(() -> GuardRegistry.builder().guard(GuardConfig.defaults("x")).guard(GuardConfig.defaults("x")).build())
                .hasMessage("integration 'x' is configured twice");
    }

    @Test
    void badConfigIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> GuardConfig.builder("slack").bulkhead(0, Duration.ZERO).build())
                .hasMessage("integrations.slack.bulkhead.max_concurrent_calls must be >= 1, got 0");
        assertThatThrownBy(() -> GuardConfig.builder("slack").timeLimit(Duration.ofSeconds(-1)).build())
                .hasMessage("integrations.slack.time_limit must be a positive duration, got PT-1S");
        assertThatThrownBy(() -> GuardConfig.builder("bad name").build())
                .hasMessageContaining("got 'bad name'");
        assertThatThrownBy(() -> BreakerSettings.consecutiveFailures(0, Duration.ofSeconds(1)))
                .hasMessage("breaker.failure_threshold must be >= 1, got 0");
        assertThatThrownBy(() -> dev.selfheal.resilience.retry.RetrySettings.builder().maxAttempts(0).build())
                .hasMessage("retry.max_attempts must be within 1..100, got 0");
        assertThatThrownBy(() -> dev.selfheal.resilience.retry.RetryStrategyKind.fromConfigName("quadratic"))
                .hasMessage("unknown retry strategy 'quadratic'; expected one of [exponential_backoff, linear_backoff, fixed_interval, adaptive]");
    }
}
