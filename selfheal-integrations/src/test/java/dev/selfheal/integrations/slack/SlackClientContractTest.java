package dev.selfheal.integrations.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.selfheal.integrations.http.ApiErrorException;
import dev.selfheal.integrations.http.TestGuards;
import dev.selfheal.resilience.CallFailedException;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackClientContractTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GuardRegistry guards;
    private SlackClient client;

    @BeforeEach
    void setUp() {
        guards = TestGuards.registry("slack");
        client = new SlackClient(TestGuards.settings(api.baseUrl()), guards.guard("slack"));
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private static final String AUTH_OK = """
            {"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"selfheal","team_id":"T0001","user_id":"U0001","bot_id":"B0001","is_enterprise_install":false}""";

    @Test
    void authTestSucceedingIsHealthy() throws Exception {
        api.stubFor(post("/api/auth.test").willReturn(okJson(AUTH_OK).withHeader("X-Slack-Req-Id", "r1")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        api.verify(postRequestedFor(urlEqualTo("/api/auth.test")).withHeader("Authorization", equalTo("Bearer test-token-s3cr3t")));
    }

    @Test
    void invalidAuthAnsweredAsHttp200IsCredentialsRejectedAndNotRetried() throws Exception {
        api.stubFor(post("/api/auth.test").willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("credentials rejected: invalid_auth");
        api.verify(1, postRequestedFor(urlEqualTo("/api/auth.test")));
    }

    @Test
    void anHttp401IsCredentialsRejectedToo() throws Exception {
        api.stubFor(post("/api/auth.test").willReturn(aResponse().withStatus(401).withBody("{\"ok\":false,\"error\":\"not_authed\"}")));

        assertThat(client.healthCheck().check().message()).contains("credentials rejected");
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndTheMessageIsPostedOnceWithItsKey() {
        api.stubFor(post("/api/chat.postMessage").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("open"));
        api.stubFor(post("/api/chat.postMessage").inScenario("limited").whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1712345678.000123\",\"message\":{\"text\":\"hi\"}}")));

        long start = System.nanoTime();
        String ts = client.postMessage("#deploys", "hi", "evt-1:slack");

        assertThat(ts).isEqualTo("1712345678.000123");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
        api.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Idempotency-Key", equalTo("evt-1:slack"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#deploys")))
                .withRequestBody(matchingJsonPath("$.client_msg_id", equalTo("evt-1:slack"))));
    }

    @Test
    void aServerErrorIsRetriedThenUnhealthy() throws Exception {
        api.stubFor(post("/api/auth.test").willReturn(aResponse().withStatus(503)));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        api.verify(3, postRequestedFor(urlEqualTo("/api/auth.test")));
    }

    @Test
    void aTimeoutIsUnhealthy() throws Exception {
        api.stubFor(post("/api/auth.test").willReturn(okJson(AUTH_OK).withFixedDelay(2_000)));

        assertThat(client.healthCheck().check().message()).contains("timed out");
    }

    @Test
    void aChannelNotFoundIsTheCallersErrorAndNotRetried() {
        api.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        assertThatThrownBy(() -> client.postMessage("does-not-exist", "hi", "k"))
                .isInstanceOf(CallFailedException.class)
                .hasCauseInstanceOf(ApiErrorException.class)
                .hasMessageContaining("channel_not_found");
        api.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }
}
