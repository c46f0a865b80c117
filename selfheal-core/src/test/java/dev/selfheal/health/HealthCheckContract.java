package dev.selfheal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link HealthCheck} keeps. An implementation's test class extends this (or
 * nests a subclass) and supplies a check that should pass and one that should fail; the kit
 * then holds it to what the engine relies on:
 * <ul>
 *   <li>a run yields a result with a status and a message a person can read;</li>
 *   <li>a failing target is reported as UNHEALTHY or DEGRADED, with the reason;</li>
 *   <li>details hold only strings, numbers and booleans, so every store and API can render them;</li>
 *   <li>an interrupted run returns or throws promptly instead of hanging (the engine interrupts
 *       runs that outlive their timeout);</li>
 *   <li>{@code close()} can be called twice.</li>
 * </ul>
 * Runs happen on a virtual thread, as in the engine.
 */
public abstract class HealthCheckContract {

    /** A check whose target is fine: it must report HEALTHY. */
    protected abstract HealthCheck healthyCheck() throws Exception;

    /** A check whose target is broken: it must report UNHEALTHY or DEGRADED. */
    protected abstract HealthCheck failingCheck() throws Exception;

    /**
     * A check that blocks for a long time (well beyond {@link #prompt()}) unless interrupted, when
     * the kind of check can be made to block on purpose (a server that never answers, a command
     * that sleeps). Empty by default: the interruption test then uses the healthy check.
     */
    protected Optional<HealthCheck> blockingCheck() throws Exception {
        return Optional.empty();
    }

    /** How soon an interrupted run must end. Generous: the test machine is small and busy. */
    protected Duration prompt() {
        return Duration.ofSeconds(5);
    }

    @Test
    void a_healthy_target_gives_a_healthy_result_with_a_message() throws Exception {
        HealthCheck check = healthyCheck();
        try {
            HealthCheckResult result = runOnVirtualThread(check, false);

            assertThat(result).isNotNull();
            assertThat(result.status()).as(result.message()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(result.message()).isNotBlank();
            assertRenderableDetails(result);
        } finally {
            check.close();
        }
    }

    @Test
    void a_failing_target_gives_an_unhealthy_or_degraded_result_with_a_reason() throws Exception {
        HealthCheck check = failingCheck();
        try {
            HealthCheckResult result = runOnVirtualThread(check, false);

            assertThat(result).isNotNull();
            assertThat(result.status()).as(result.message()).isIn(HealthStatus.UNHEALTHY, HealthStatus.DEGRADED);
            assertThat(result.message()).isNotBlank();
            assertRenderableDetails(result);
        } finally {
            check.close();
        }
    }

    @Test
    void an_interrupted_run_returns_or_throws_promptly() throws Exception {
        Optional<HealthCheck> blocking = blockingCheck();
        HealthCheck check = blocking.isPresent() ? blocking.get() : healthyCheck();
        try {
            var outcome = new CompletableFuture<Object>();
            Thread runner = Thread.ofVirtual().unstarted(() -> {
                try {
                    outcome.complete(check.check());
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            runner.start();
            // Whether the interrupt lands before the check blocks or while it blocks, it must end the run.
            runner.interrupt();

            assertThat(runner.join(prompt()))
                    .as("%s still running %s after it was interrupted", check, prompt()).isTrue();
            assertThat(outcome).isDone();
        } finally {
            check.close();
        }
    }

    @Test
    void close_can_be_called_twice() throws Exception {
        HealthCheck healthy = healthyCheck();
        runOnVirtualThread(healthy, true);
        HealthCheck failing = failingCheck();

        assertThatCode(() -> {
            healthy.close();
            healthy.close();
            failing.close();
            failing.close();
        }).doesNotThrowAnyException();
    }

    private HealthCheckResult runOnVirtualThread(HealthCheck check, boolean ignoreFailure) throws Exception {
        var outcome = new CompletableFuture<HealthCheckResult>();
        Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(check.check());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
        try {
            return outcome.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (ignoreFailure) {
                return null;
            }
            throw e;
        }
    }

    private static void assertRenderableDetails(HealthCheckResult result) {
        assertThat(result.details().values())
                .as("details of %s", result)
                .allSatisfy(value -> assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class));
    }
}
