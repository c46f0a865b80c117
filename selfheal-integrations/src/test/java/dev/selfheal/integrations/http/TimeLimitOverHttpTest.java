package dev.selfheal.integrations.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.selfheal.resilience.BreakerSettings;
import dev.selfheal.resilience.CallFailedException;
import dev.selfheal.resilience.GuardConfig;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.retry.RetrySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The guard's time limit against a real socket: a server that answers only after 30 s, a
 * client with no timeout of its own, and a 300 ms limit. The watchdog's interrupt must end
 * {@code HttpClient.send} on the caller's thread long before the server answers.
 */
class TimeLimitOverHttpTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aRequestThatHangsIsInterruptedAtTheTimeLimitAndFailsAsATimeout() throws Exception {
        api.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(30_000).withBody("late")));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/slow")).GET().build();
        try (GuardRegistry guards = GuardRegistry.builder()
                .guard(GuardConfig.builder("slow-api")
                        .breaker(BreakerSettings.consecutiveFailures(100, Duration.ofSeconds(1)))
                        .retry(RetrySettings.none())
                        .timeLimit(Duration.ofMillis(300))
                        .build())
                .build()) {

            // Run on a thread of its own so that a limit that fails to fire fails this test at 20 s, not at 30 s.
            CompletableFuture<String> call = CompletableFuture.supplyAsync(
                    () -> guards.guard("slow-api").call("get_slow", () -> http.send(request, HttpResponse.BodyHandlers.ofString()).body()),
                    runnable -> Thread.ofVirtual().start(runnable));

            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CallFailedException.class)
                    .hasRootCauseInstanceOf(TimeoutException.class)
                    .hasStackTraceContaining("slow-api exceeded its time limit of PT0.3S");
            assertThat(guards.guard("slow-api").circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        }
    }
}
