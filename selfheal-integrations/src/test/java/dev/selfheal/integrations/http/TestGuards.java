package dev.selfheal.integrations.http;

import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import dev.selfheal.resilience.retry.RetryStrategyKind;
import java.time.Duration;

/** Guards for contract tests: real time, three attempts 20 ms apart, a breaker that stays closed. */
public final class TestGuards {

    private TestGuards() { }

    public static GuardRegistry registry(String integration) {
        return GuardRegistry.builder()
                .guard(GuardConfig.builder(integration)
                        .breaker(BreakerSettings.consecutiveFailures(100, Duration.ofSeconds(1)))
                        .retry(RetrySettings.builder().strategy(RetryStrategyKind.FIXED_INTERVAL)
                                .initialDelay(Duration.ofMillis(20)).maxAttempts(3).build())
                        .timeLimit(Duration.ofSeconds(5))
                        .defaultDeadline(Duration.ofSeconds(10))
                        .build())
                .build();
    }

    public static ClientSettings settings(String baseUrl) {
        return ClientSettings.of(baseUrl, ApiToken.of("test-token-s3cr3t"))
                .withRequestTimeout(Duration.ofMillis(500))
                .withDegradedAfter(Duration.ofMillis(300));
    }
}
