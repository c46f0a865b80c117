package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.status.BreakerState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BulkheadTest {

    @Test
    void aFullBulkheadRefusesTheCallWithoutCountingItAgainstTheIntegration() throws Exception {
        // Given codegen (2 consecutive failures open it) with room for one call at a time
        GuardFixture f = new GuardFixture(config("codegen").retry(RetrySettings.builder().maxAttempts(3).build())
                .bulkhead(1, Duration.ZERO).fallback(Fallback.degrade("code_generation")).build());
        Guard guard = f.guard("codegen");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> guard.call("generate", () -> {
            inside.countDown();
            release.await();
            return "done";
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        // When three more calls come while it is busy
        for (int i = 0; i < 3; i++) {
            Outcome<String> outcome = guard.execute("generate", () -> "never");
            // Then each is refused at once (not retried), and the fallback says which feature is off
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Degraded.class, d -> assertThat(d.cause())
                    .isInstanceOfSatisfying(CallRejectedException.class, e -> assertThat(e.reason()).isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL)));
        }
        assertThat(f.waits).as("a full bulkhead is not retried").isEmpty();

        // And the breaker did not count them as failures of codegen
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(guard.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        release.countDown();
        holder.join();
        assertThat(guard.call("generate", () -> "free again")).isEqualTo("free again");
    }
}
