package dev.selfheal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.EventBus;
import dev.selfheal.health.CheckDefinition;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.health.HealthSettings;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A passing health check is not a recovery while a performance limit still stands broken:
 * verification waits for both, on virtual time.
 */
class HealthVerifierStandingConditionsTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final EventBus bus = new EventBus();
    private final HealthCheckManager health = new HealthCheckManager(scheduler, Runnable::run, bus, HealthSettings.defaults().withJitter(0, 1));
    private final ConcurrentMap<String, String> standing = new ConcurrentHashMap<>();
    private final Set<String> measured = ConcurrentHashMap.newKeySet();
    private HealthVerifier verifier;

    @BeforeEach
    void setUp() {
        health.register(CheckDefinition.builder("worker", () -> HealthCheckResult.healthy("worker ok"))
                .group("system").interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                .failureThreshold(1).successThreshold(1).build());
        health.start();
        scheduler.runDue();
        verifier = new HealthVerifier(health, bus, scheduler, Duration.ofSeconds(5)).withStandingConditions(new StandingConditions() {
            @Override
            public Optional<String> standing(String component) {
                return Optional.ofNullable(HealthVerifierStandingConditionsTest.this.standing.get(component));
            }

            @Override
            public boolean measures(String component) {
                return measured.contains(component);
            }
        });
    }

    @AfterEach
    void tearDown() {
        health.close();
    }

    @Test
    void aHealthyComponentStillOverALimitIsVerifiedOnlyOnceTheLimitIsMet() {
        standing.put("worker", "worker cpu 1.00 over limit 0.80");

        CompletableFuture<Verifier.Verification> result = verifier.verify("worker", WINDOW);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(result).as("the check passes, the CPU does not").isNotDone();

        standing.remove("worker");
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(result).isCompleted();
        assertThat(result.join().passed()).isTrue();
        assertThat(result.join().message()).contains("worker is HEALTHY");
    }

    @Test
    void aLimitStillBrokenWhenTheWindowEndsFailsTheVerificationAndSaysWhich() {
        standing.put("worker", "worker cpu 1.00 over limit 0.80");

        CompletableFuture<Verifier.Verification> result = verifier.verify("worker", WINDOW);
        scheduler.advance(WINDOW);

        assertThat(result).isCompleted();
        assertThat(result.join().passed()).isFalse();
        assertThat(result.join().message()).contains("still standing: worker cpu 1.00 over limit 0.80");
    }

    @Test
    void aComponentWithoutAHealthCheckButMeasuredIsVerifiedByItsLimitsAlone() {
        measured.add("checkout");
        standing.put("checkout", "checkout response-time-p95 140 over limit 100");

        CompletableFuture<Verifier.Verification> result = verifier.verify("checkout", WINDOW);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(result).isNotDone();
        standing.remove("checkout");
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(result.join().passed()).isTrue();
        assertThat(result.join().message()).contains("checkout has no health check");
    }

    @Test
    void aComponentNeitherCheckedNorMeasuredCannotBeVerified() {
        Verifier.Verification result = verifier.verify("ghost", WINDOW).join();

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("no health check registered for ghost");
    }
}
