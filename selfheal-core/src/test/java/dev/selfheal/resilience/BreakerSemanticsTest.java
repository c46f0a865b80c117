package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.failing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.status.BreakerState;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default breaker semantics, on virtual time: N consecutive failures open, the recovery timeout holds, one trial call decides. */
class BreakerSemanticsTest {

    private static GuardConfig noRetry(String name) {
        return config(name).retry(RetrySettings.none()).build();
    }

    @ParameterizedTest(name = "{0}: opens after {1} consecutive failures, stays open {2}s")
    @CsvSource({"linear,3,30", "github,5,60", "slack,3,30", "codegen,2,120", "jira,5,60"})
    void defaultsOpenAfterConsecutiveFailuresAndHoldForTheRecoveryTimeout(String name, int threshold, int recoverySeconds) {
        // Given a guard with the default breaker for this integration and no retries
        GuardFixture f = new GuardFixture(noRetry(name));
        Guard guard = f.guard(name);
        assertThat(guard.config().breaker().failureThreshold()).isEqualTo(threshold);
        assertThat(guard.config().breaker().recoveryTimeout()).isEqualTo(Duration.ofSeconds(recoverySeconds));

        // When threshold - 1 calls fail, it is still closed
        for (int i = 0; i < threshold - 1; i++) {
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("down")))).isInstanceOf(RetriesExhaustedException.class);
        }
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);

        // When one more fails, it opens
        assertThatThrownBy(() -> guard.call("op", failing(new IOException("down")))).isInstanceOf(RetriesExhaustedException.class);
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);

        // Then calls are refused without being made until the recovery timeout has passed
        f.time.advance(Duration.ofSeconds(recoverySeconds).minusMillis(1));
        int[] made = {0};
        assertThatThrownBy(() -> guard.call("op", () -> ++made[0]))
                .isInstanceOf(CallRejectedException.class)
                .hasMessageContaining("circuit breaker is open");
        assertThat(made[0]).isZero();

        // And once it has passed (Resilience4j: strictly after), one trial call goes through and its success closes the breaker
        f.time.advance(Duration.ofMillis(2));
        assertThat(guard.call("op", () -> ++made[0])).isEqualTo(1);
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aSuccessBetweenFailuresResetsTheCountSoOnlyConsecutiveFailuresOpen() {
        // Given linear (3 consecutive failures)
        GuardFixture f = new GuardFixture(noRetry("linear"));
        Guard guard = f.guard("linear");

        // When failures come in pairs separated by a success, many times over
        for (int round = 0; round < 10; round++) {
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
            guard.call("op", () -> "ok");
        }

        // Then it never opened
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(f.events(dev.selfheal.events.BreakerStateChanged.class)).isEmpty();
    }

    @Test
    void aFailedTrialCallOpensTheBreakerForAnotherRecoveryTimeout() {
        GuardFixture f = new GuardFixture(noRetry("codegen"));
        Guard guard = f.guard("codegen");
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
        }
        f.time.advance(Duration.ofSeconds(120).plusMillis(1));

        // When the trial call fails
        assertThatThrownBy(() -> guard.call("op", failing(new IOException("still down")))).isInstanceOf(GuardException.class);

        // Then it is open again, for a full recovery timeout
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
        f.time.advance(Duration.ofSeconds(119));
        assertThatThrownBy(() -> guard.call("op", () -> "ok")).isInstanceOf(CallRejectedException.class);
        f.time.advance(Duration.ofSeconds(1).plusMillis(1));
        assertThat(guard.call("op", () -> "ok")).isEqualTo("ok");
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void retriesCountAsFailuresOfTheBreaker() {
        // Given slack (3 consecutive failures) with 3 attempts per call
        GuardFixture f = new GuardFixture(config("slack").retry(RetrySettings.builder().maxAttempts(3).build()).build());
        Guard guard = f.guard("slack");

        // When one call fails all its attempts
        assertThatThrownBy(() -> guard.call("op", failing(new IOException("x"))))
                .isInstanceOf(RetriesExhaustedException.class);

        // Then the breaker saw three failures and opened
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void failureRateModeOpensOnAShareOfFailuresNotOnARun() {
        // Given a breaker that opens when 50 % of the last 10 calls failed
        GuardFixture f = new GuardFixture(config("github").retry(RetrySettings.none())
                .breaker(BreakerSettings.failureRate(50f, 10, 10, Duration.ofSeconds(60))).build());
        Guard guard = f.guard("github");

        // When failures alternate with successes (never two in a row) up to 5 of 10
        for (int i = 0; i < 9; i++) {
            if (i % 2 == 0) {
                assertThatThrownBy(() -> guard.call("op", failing(new IOException("x")))).isInstanceOf(GuardException.class);
            } else {
                guard.call("op", () -> "ok");
            }
            assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        }
        guard.call("op", () -> "ok"); // 10 calls, 5 failures: 50 %
        // Then it opens on the rate
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void slowCallModeOpensWhenCallsAreSlowEvenIfTheySucceed() {
        // Given a breaker that opens when all of the last 4 calls took more than 2 s
        GuardFixture f = new GuardFixture(config("codegen").retry(RetrySettings.none())
                .breaker(BreakerSettings.slowCallRate(100f, Duration.ofSeconds(2), 4, 4, Duration.ofSeconds(120))).build());
        Guard guard = f.guard("codegen");

        // When 4 calls succeed but each takes 3 s of virtual time
        for (int i = 0; i < 4; i++) {
            guard.call("op", () -> {
                f.time.advance(Duration.ofSeconds(3));
                return "slow but fine";
            });
        }

        // Then it opens
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void forceOpenRefusesCallsUntilResetWhateverTheTime() {
        GuardFixture f = new GuardFixture(noRetry("linear"));
        Guard guard = f.guard("linear");

        guard.forceOpen();
        f.time.advance(Duration.ofHours(1));
        assertThat(guard.state()).isEqualTo(BreakerState.FORCED_OPEN);
        assertThatThrownBy(() -> guard.call("op", () -> "ok")).isInstanceOf(CallRejectedException.class);

        guard.reset();
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(guard.call("op", () -> "ok")).isEqualTo("ok");
    }
}
