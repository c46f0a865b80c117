package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.http;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.resilience.budget.RetryBudgetSettings;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries through a guard, on virtual time: what is retried, how long it waits, and what the caller sees at the end. */
class GuardRetryTest {

    private static GuardConfig fixed(String name, int attempts, Duration interval) {
        return config(name)
                .breaker(BreakerSettings.consecutiveFailures(100, Duration.ofSeconds(30)))
                .retry(RetrySettings.builder().strategy(RetryStrategyKind.FIXED_INTERVAL).initialDelay(interval).maxAttempts(attempts).build())
                .retryBudget(new RetryBudgetSettings(0.2, Duration.ofSeconds(10), 100))
                .build();
    }

    @Test
    void aRetryableFailureIsRetriedAfterTheStrategysDelayAndTheValueReturned() {
        GuardFixture f = new GuardFixture(fixed("github", 3, Duration.ofSeconds(2)));
        AtomicInteger calls = new AtomicInteger();

        String value = f.guard("github").call("op", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new SocketTimeoutException("read timed out");
            }
            return "ok";
        });

        assertThat(value).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(f.waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(f.counter("selfheal.guard.retries", "integration", "github")).isEqualTo(2);
        assertThat(f.counter("selfheal.guard.calls", "integration", "github", "outcome", "success")).isEqualTo(1);
    }

    @Test
    void exhaustionKeepsTheLastCauseAndTheAttemptCount() {
        GuardFixture f = new GuardFixture(fixed("linear", 3, Duration.ofMillis(100)));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> f.guard("linear").call("op", () -> {
            throw new ConnectException("refused #" + calls.incrementAndGet());
        }))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.lastCause()).isInstanceOf(ConnectException.class).hasMessage("refused #3");
                    assertThat(e.integration()).isEqualTo("linear");
                })
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void clientErrorsAndCredentialFailuresAreNotRetried() {
        GuardFixture f = new GuardFixture(fixed("slack", 3, Duration.ofMillis(100)));
        for (int status : new int[] {400, 401, 403, 404, 422}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> f.guard("slack").call("op", () -> {
                calls.incrementAndGet();
                throw http(status);
            }))
                    .isExactlyInstanceOf(CallFailedException.class)
                    .hasMessageContaining("not retryable");
            assertThat(calls).as("HTTP %d", status).hasValue(1);
        }
        assertThat(f.waits).isEmpty();
    }

    @Test
    void serverErrorsAnd429AreRetried() {
        GuardFixture f = new GuardFixture(fixed("slack", 2, Duration.ofMillis(100)));
        for (int status : new int[] {500, 502, 503, 429}) {
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> f.guard("slack").call("op", () -> {
                calls.incrementAndGet();
                throw http(status);
            })).isInstanceOf(RetriesExhaustedException.class);
            assertThat(calls).as("HTTP %d", status).hasValue(2);
        }
    }

    @Test
    void theClassificationIsConfigurable() {
        class QuotaExceeded extends RuntimeException { }
        GuardFixture f = new GuardFixture(config("codegen")
                .retry(RetrySettings.builder().strategy(RetryStrategyKind.FIXED_INTERVAL).maxAttempts(2)
                        .alsoRetry(QuotaExceeded.class).neverRetry(SocketTimeoutException.class).build())
                .build());
        AtomicInteger quota = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();

        assertThatThrownBy(() -> f.guard("codegen").call("a", () -> {
            quota.incrementAndGet();
            throw new QuotaExceeded();
        })).isInstanceOf(RetriesExhaustedException.class);
        f.guard("codegen").reset();
        assertThatThrownBy(() -> f.guard("codegen").call("b", () -> {
            timeouts.incrementAndGet();
            throw new SocketTimeoutException();
        })).isExactlyInstanceOf(CallFailedException.class);

        assertThat(quota).hasValue(2);
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void retryAfterInSecondsIsHonouredInsteadOfTheStrategy() {
        GuardFixture f = new GuardFixture(fixed("slack", 3, Duration.ofMillis(100)));
        AtomicInteger calls = new AtomicInteger();

        String value = f.guard("slack").call("post", () -> {
            if (calls.incrementAndGet() == 1) {
                throw http(429, "Retry-After", "7");
            }
            return "posted";
        });

        assertThat(value).isEqualTo("posted");
        assertThat(f.waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateWaitsUntilThatTime() {
        GuardFixture f = new GuardFixture(fixed("github", 3, Duration.ofMillis(100)));
        String in42s = DateTimeFormatter.RFC_1123_DATE_TIME.format(f.time.now().plusSeconds(42).atOffset(ZoneOffset.UTC));
        AtomicInteger calls = new AtomicInteger();

        f.guard("github").call("op", () -> {
            if (calls.incrementAndGet() == 1) {
                throw http(503, "Retry-After", in42s);
            }
            return "ok";
        });

        assertThat(f.waits).containsExactly(Duration.ofSeconds(42));
    }

    @Test
    void githubsExhaustedRateLimitWaitsUntilTheReset() {
        GuardFixture f = new GuardFixture(fixed("github", 3, Duration.ofMillis(100)));
        long reset = f.time.now().plusSeconds(20).getEpochSecond();
        AtomicInteger calls = new AtomicInteger();

        f.guard("github").call("op", () -> {
            if (calls.incrementAndGet() == 1) {
                throw http(403, "X-RateLimit-Remaining", "0", "X-RateLimit-Limit", "5000", "X-RateLimit-Reset", Long.toString(reset));
            }
            return "ok";
        });

        assertThat(f.waits).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void aRateLimitLongerThanTheDeadlineFailsFastSayingHowLongItWouldHaveTaken() {
        GuardFixture f = new GuardFixture(fixed("slack", 3, Duration.ofMillis(100)));
        AtomicInteger calls = new AtomicInteger();

        Outcome<String> outcome = null;
        try {
            outcome = f.guard("slack").execute("post", Duration.ofSeconds(10), () -> {
                calls.incrementAndGet();
                throw http(429, "Retry-After", "120");
            });
        } catch (RateLimitedException e) {
            assertThat(e.requiredWait()).isEqualTo(Duration.ofSeconds(120));
            assertThat(e.deadlineLeft()).isEqualTo(Duration.ofSeconds(10));
            assertThat(e).hasMessageContaining("would have to wait 2 min").hasMessageContaining("deadline leaves 10 s");
        }
        assertThat(outcome).isNull();
        assertThat(calls).hasValue(1);
        assertThat(f.waits).isEmpty();
    }

    @Test
    void theAdaptiveStrategyLearnsTheDelayThatPrecededASuccess() {
        GuardFixture f = new GuardFixture(config("codegen")
                .breaker(BreakerSettings.consecutiveFailures(100, Duration.ofSeconds(30)))
                .retry(RetrySettings.builder().strategy(RetryStrategyKind.ADAPTIVE).maxAttempts(3).build())
                .build());
        Guard guard = f.guard("codegen");
        AtomicInteger calls = new AtomicInteger();
        java.util.concurrent.Callable<String> failsOnceWith503 = () -> {
            if (calls.incrementAndGet() % 2 == 1) {
                throw http(503);
            }
            return "ok";
        };

        // Before any history: the pattern-based suggestion for a 5xx (1 s for the first retry)
        guard.call("op", failsOnceWith503);
        assertThat(f.waits).containsExactly(Duration.ofSeconds(1));

        // After a success that followed a 1 s wait, the mean of the history (1 s) x (attempt + 1)
        guard.call("op", failsOnceWith503);
        assertThat(f.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void anInterruptedWaitStopsRetryingAndKeepsTheInterruptFlag() {
        GuardRegistry registry = GuardRegistry.builder()
                .scheduler(new dev.selfheal.time.VirtualScheduler())
                .sleeper(d -> {
                    throw new InterruptedException("shutting down");
                })
                .guard(fixed("linear", 3, Duration.ofSeconds(1)))
                .build();

        assertThatThrownBy(() -> registry.guard("linear").call("op", GuardFixture.failing(new IOException("x"))))
                .isExactlyInstanceOf(CallFailedException.class)
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void anAttemptThatOutlivesItsTimeLimitIsInterruptedOnItsOwnThreadAndCountsAsATimeout() throws Exception {
        dev.selfheal.time.VirtualScheduler time = new dev.selfheal.time.VirtualScheduler();
        GuardRegistry registry = GuardRegistry.builder()
                .scheduler(time)
                .sleeper(d -> { })
                .guard(GuardConfig.builder("codegen").timeLimit(Duration.ofMillis(50)).retry(RetrySettings.none()).build())
                .build();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Thread> caller = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            caller.complete(Thread.currentThread());
            try {
                result.complete(registry.guard("codegen").call("op", () -> {
                    ranOn.set(Thread.currentThread());
                    started.countDown();
                    try {
                        new java.util.concurrent.CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    return "never";
                }));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        assertThat(started.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        time.advance(Duration.ofMillis(60));

        assertThatThrownBy(() -> result.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(RetriesExhaustedException.class)
                .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class)
                .hasStackTraceContaining("exceeded its time limit of PT0.05S");
        assertThat(interrupted).isTrue();
        assertThat(ranOn.get()).as("no thread hop: the caller's thread-locals reach the call").isSameAs(caller.get());
        registry.close();
    }
}
