package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.headers;
import static dev.selfheal.resilience.GuardFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.health.checks.GuardHealthCheck;
import dev.selfheal.status.BreakerState;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An integration that said "come back at T" is not called before T, and its breaker does not count it as down. */
class RateLimitHoldTest {

    private static GuardConfig github(Fallback fallback) {
        return config("github")
                .breaker(BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(5)))
                .defaultDeadline(Duration.ofSeconds(5))
                .fallback(fallback)
                .build();
    }

    @Test
    void aSpentQuotaHoldsCallsUntilItsResetWithoutCallingOrOpeningTheBreaker() {
        GuardFixture f = new GuardFixture(github(Fallback.none()));
        Guard guard = f.guard("github");
        long reset = f.time.now().plusSeconds(600).getEpochSecond();
        AtomicInteger sent = new AtomicInteger();
        var spent = http(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Limit", "5000", "X-RateLimit-Reset", Long.toString(reset));

        // the first call learns the quota is spent until the reset, ten minutes away: beyond the 5 s deadline
        assertThatThrownBy(() -> guard.call("create", () -> {
            sent.incrementAndGet();
            throw spent;
        })).isInstanceOf(RateLimitedException.class);

        // ten more calls before the reset: none is sent, each fails fast, the breaker stays closed
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guard.call("create", () -> {
                sent.incrementAndGet();
                return "ok";
            })).isInstanceOf(RateLimitedException.class).hasMessageContaining("rate limited");
        }
        assertThat(sent).hasValue(1);
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(guard.rateLimitHold()).hasValueSatisfying(left -> assertThat(left).isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600)));
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.DEGRADED);

        // after the reset the call goes out again
        f.time.advance(Duration.ofSeconds(601));
        assertThat(guard.call("create", () -> {
            sent.incrementAndGet();
            return "ok";
        })).isEqualTo("ok");
        assertThat(sent).hasValue(2);
        assertThat(guard.rateLimitHold()).isEmpty();
    }

    @Test
    void aShortRetryAfterIsWaitedOutWithinTheDeadline() {
        GuardFixture f = new GuardFixture(github(Fallback.none()));
        Guard guard = f.guard("github");
        guard.observeRateLimit(headers("Retry-After", "2"));

        assertThat(guard.call("create", () -> "ok")).isEqualTo("ok");

        assertThat(f.waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void anAnswerWithRequestsLeftLiftsTheHold() {
        GuardFixture f = new GuardFixture(github(Fallback.none()));
        Guard guard = f.guard("github");
        long reset = f.time.now().plusSeconds(600).getEpochSecond();
        guard.observeRateLimit(headers("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset)));
        assertThat(guard.rateLimitHold()).isPresent();

        // the integration raised the quota (a new installation token, a plan upgrade) and says so
        guard.observeRateLimit(headers("X-RateLimit-Remaining", "4999", "X-RateLimit-Reset", Long.toString(reset)));

        assertThat(guard.rateLimitHold()).isEmpty();
        assertThat(guard.call("create", () -> "ok")).isEqualTo("ok");
    }

    @Test
    void manyTooManyRequestsAnswersDoNotOpenTheBreakerButServerErrorsDo() {
        GuardFixture f = new GuardFixture(config("slack")
                .breaker(BreakerSettings.consecutiveFailures(3, Duration.ofSeconds(5)))
                .retry(dev.selfheal.resilience.retry.RetrySettings.builder().maxAttempts(1).build())
                .build());
        Guard guard = f.guard("slack");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guard.call("post", GuardFixture.failing(http(429)))).isInstanceOf(GuardException.class);
        }
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> guard.call("post", GuardFixture.failing(http(503)))).isInstanceOf(GuardException.class);
        }
        assertThat(guard.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void parkedCallsAreReplayedWhenTheQuotaResetsWithoutAnotherCallToTriggerIt() {
        GuardFixture f = new GuardFixture(github(Fallback.outbox(100)));
        Guard guard = f.guard("github");
        long reset = f.time.now().plusSeconds(600).getEpochSecond();
        List<String> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        guard.outbox().registerHandler("comment", message -> {
            attempts.incrementAndGet();
            if (f.time.now().getEpochSecond() < reset) {
                throw http(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));
            }
            delivered.add(message.idempotencyKey());
        });

        for (int i = 1; i <= 5; i++) {
            assertThat(guard.outbox().send("comment", "k" + i, "{}")).isInstanceOf(SendOutcome.Parked.class);
        }
        assertThat(attempts).as("only the first call reached the integration").hasValue(1);
        assertThat(guard.parkedCount()).isEqualTo(5);

        f.time.advance(Duration.ofSeconds(601));

        assertThat(delivered).containsExactly("k1", "k2", "k3", "k4", "k5");
        assertThat(guard.parkedCount()).isZero();
        assertThat(guard.state()).isEqualTo(BreakerState.CLOSED);
    }
}
