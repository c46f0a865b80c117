package dev.selfheal.resilience.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardException;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.RetryBudgetExhaustedException;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import dev.selfheal.time.VirtualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Under a 100 % failure storm, retries never exceed 20 % of the calls of any window plus the floor. */
class RetryBudgetStormTest {

    @Test
    void retriesNeverExceedTheBudgetDuringAFullOutage() {
        // Given github with 3 attempts per call, a breaker that never opens (to isolate the budget), the default budget
        VirtualScheduler time = new VirtualScheduler();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GuardRegistry registry = GuardRegistry.builder().scheduler(time).meterRegistry(meters).sleeper(time::advance)
                .guard(GuardConfig.builder("github").noTimeLimit()
                        .breaker(BreakerSettings.consecutiveFailures(10_000, Duration.ofSeconds(60)))
                        .retry(RetrySettings.builder().strategy(RetryStrategyKind.FIXED_INTERVAL).initialDelay(Duration.ofMillis(10)).maxAttempts(3).build())
                        .build())
                .build();
        Guard guard = registry.guard("github");
        List<Long> firstAttempts = new ArrayList<>();
        List<Long> retries = new ArrayList<>();
        int budgetRefused = 0;

        // When 2,000 calls arrive over 100 s and every attempt fails
        for (int call = 0; call < 2_000; call++) {
            int[] attempt = {0};
            try {
                guard.call("list", () -> {
                    (attempt[0]++ == 0 ? firstAttempts : retries).add(time.nanoTime());
                    throw new IOException("github is down");
                });
            } catch (RetryBudgetExhaustedException e) {
                budgetRefused++;
                assertThat(e.attempts()).isBetween(1, 2);
                assertThat(e).hasMessageContaining("retry budget is spent");
            } catch (GuardException e) {
                // retries exhausted: this call was inside the budget
            }
            time.advance(Duration.ofMillis(50));
        }

        // Then at every retry, the retries of the budget's window (the last ten whole seconds) are
        // at most 20 % of that window's calls plus the floor of 1/s
        long second = Duration.ofSeconds(1).toNanos();
        for (long t : retries) {
            long from = (Math.floorDiv(t, second) - 9) * second;
            long calls = firstAttempts.stream().filter(c -> c >= from && c <= t).count();
            long retried = retries.stream().filter(r -> r >= from && r <= t).count();
            assertThat(retried).as("retries in the window [%dms, %dms]", from / 1_000_000, t / 1_000_000)
                    .isLessThanOrEqualTo((long) Math.floor(calls * 0.2) + 10);
        }
        // And without the budget there would have been 4,000 retries; refusals are counted and visible
        assertThat(retries.size()).isLessThan(600);
        assertThat(budgetRefused).isGreaterThan(1_500);
        assertThat(guard.budgetRefusals()).isGreaterThanOrEqualTo(budgetRefused);
        assertThat(meters.find("selfheal.guard.retry.budget.refusals").tag("integration", "github").functionCounter().count())
                .isEqualTo(guard.budgetRefusals());
    }

    @Test
    void aQuietIntegrationCanStillRetryFromTheFloor() {
        VirtualScheduler time = new VirtualScheduler();
        RetryBudget budget = new RetryBudget(RetryBudgetSettings.defaults(), time::nanoTime);

        // one call, no share to speak of: the floor (1/s over 10 s) still allows 10 retries
        budget.recordCall();
        int granted = 0;
        while (budget.tryAcquireRetry()) {
            granted++;
        }
        assertThat(granted).isEqualTo(10);
        assertThat(budget.refusals()).isEqualTo(1);

        // and the window slides: 10 s later the retries have expired
        time.advance(Duration.ofSeconds(10));
        assertThat(budget.tryAcquireRetry()).isTrue();
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new RetryBudgetSettings(1.5, Duration.ofSeconds(10), 1))
                .hasMessage("retry_budget.ratio must be within 0..1, got 1.5");
        assertThatThrownBy(() -> new RetryBudgetSettings(0.2, Duration.ofMillis(10), 1))
                .hasMessage("retry_budget.window must be within 1s..1h, got PT0.01S");
    }
}
