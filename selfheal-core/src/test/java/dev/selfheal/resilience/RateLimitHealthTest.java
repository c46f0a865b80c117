package dev.selfheal.resilience;

import static dev.selfheal.resilience.GuardFixture.config;
import static dev.selfheal.resilience.GuardFixture.headers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.RateLimitLow;
import dev.selfheal.health.checks.GuardHealthCheck;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitHealthTest {

    @Test
    void anIntegrationCloseToItsLimitReportsDegradedAndSaysSoOnce() throws Exception {
        // Given github, healthy
        GuardFixture f = new GuardFixture(config("github").build());
        Guard guard = f.guard("github");
        long reset = f.time.now().plusSeconds(900).getEpochSecond();
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.HEALTHY);

        // When responses report less than 10 % of the window left
        guard.observeRateLimit(headers("X-RateLimit-Remaining", "400", "X-RateLimit-Limit", "5000", "X-RateLimit-Reset", Long.toString(reset)));
        guard.observeRateLimit(headers("X-RateLimit-Remaining", "399", "X-RateLimit-Limit", "5000", "X-RateLimit-Reset", Long.toString(reset)));

        // Then its health is DEGRADED, with the numbers, and one event says it
        var result = new GuardHealthCheck(guard).check();
        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("399 of 5000 left");
        assertThat(f.events(RateLimitLow.class)).singleElement()
                .satisfies(e -> assertThat(e.remaining()).isEqualTo(400));

        // And once the window resets it is healthy again
        f.time.advance(Duration.ofSeconds(901));
        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    @Test
    void garbageRateLimitHeadersAreIgnored() throws Exception {
        GuardFixture f = new GuardFixture(config("linear").build());
        Guard guard = f.guard("linear");

        guard.observeRateLimit(headers("X-RateLimit-Requests-Remaining", "-3", "X-RateLimit-Requests-Limit", "n/a"));

        assertThat(new GuardHealthCheck(guard).check().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(guard.rateLimit().remaining()).isEmpty();
    }
}
