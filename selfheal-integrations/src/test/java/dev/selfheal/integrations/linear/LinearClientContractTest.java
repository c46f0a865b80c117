package dev.selfheal.integrations.linear;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.selfheal.integrations.http.TestGuards;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LinearClientContractTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GuardRegistry guards;
    private LinearClient client;

    @BeforeEach
    void setUp() {
        guards = TestGuards.registry("linear");
        client = new LinearClient(TestGuards.settings(api.baseUrl()), guards.guard("linear"));
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder viewer(long remaining) {
        return okJson("{\"data\":{\"viewer\":{\"id\":\"8f1c6a9e-0000-4000-8000-000000000001\"}}}")
                .withHeader("X-RateLimit-Requests-Limit", "5000")
                .withHeader("X-RateLimit-Requests-Remaining", String.valueOf(remaining))
                .withHeader("X-RateLimit-Requests-Reset", String.valueOf(Instant.now().toEpochMilli() + 3_600_000))
                .withHeader("X-Complexity", "1");
    }

    @Test
    void theViewerQueryAnsweredIsHealthyAndTheKeyGoesRaw() throws Exception {
        api.stubFor(post("/graphql").willReturn(viewer(4999)));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(client.viewerId()).isEqualTo("8f1c6a9e-0000-4000-8000-000000000001");
        api.verify(postRequestedFor(urlEqualTo("/graphql"))
                .withHeader("Authorization", equalTo("test-token-s3cr3t"))
                .withRequestBody(matchingJsonPath("$.query", equalTo("{ viewer { id } }"))));
    }

    @Test
    void aNearlySpentRequestQuotaIsDegraded() throws Exception {
        api.stubFor(post("/graphql").willReturn(viewer(120)));

        assertThat(client.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void anAuthenticationErrorIsCredentialsRejectedAndNotRetried() throws Exception {
        api.stubFor(post("/graphql").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
                {"errors":[{"message":"Authentication required, not authenticated","extensions":{"code":"AUTHENTICATION_ERROR"}}]}""")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("credentials rejected");
        api.verify(1, postRequestedFor(urlEqualTo("/graphql")));
    }

    @Test
    void aRateLimitedAnswerIsRetriedAfterItsRetryAfterAndTheIssueIsCreatedWithItsKey() {
        api.stubFor(post("/graphql").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("""
                        {"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED"}}]}"""))
                .willSetStateTo("open"));
        api.stubFor(post("/graphql").inScenario("limited").whenScenarioStateIs("open").willReturn(okJson("""
                {"data":{"issueCreate":{"success":true,"issue":{"id":"i-1","identifier":"ENG-1","url":"https://linear.app/acme/issue/ENG-1"}}}}""")));

        long start = System.nanoTime();
        LinearClient.CreatedIssue issue = client.createIssue("team-1", "PR #7", "Review it", "evt-1:linear");

        assertThat(issue.identifier()).isEqualTo("ENG-1");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
        api.verify(2, postRequestedFor(urlEqualTo("/graphql"))
                .withHeader("Idempotency-Key", equalTo("evt-1:linear"))
                .withRequestBody(matchingJsonPath("$.variables.input.teamId", equalTo("team-1"))));
    }

    @Test
    void linearsOwnRatelimitedAs400IsTreatedAsARateLimitNotAsBadInput() {
        long reset = Instant.now().toEpochMilli() + 1_000;
        api.stubFor(post("/graphql").inScenario("l400").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(400)
                        .withHeader("X-RateLimit-Requests-Remaining", "0")
                        .withHeader("X-RateLimit-Requests-Limit", "5000")
                        .withHeader("X-RateLimit-Requests-Reset", String.valueOf(reset))
                        .withBody("{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"RATELIMITED\"}}]}"))
                .willSetStateTo("open"));
        api.stubFor(post("/graphql").inScenario("l400").whenScenarioStateIs("open").willReturn(okJson("""
                {"data":{"issueCreate":{"success":true,"issue":{"id":"i-2","identifier":"ENG-2","url":"u"}}}}""")));

        assertThat(client.createIssue("team-1", "t", "d", "k2").identifier()).isEqualTo("ENG-2");
    }

    @Test
    void aServerErrorIsRetriedThenUnhealthy() throws Exception {
        api.stubFor(post("/graphql").willReturn(aResponse().withStatus(500)));

        assertThat(client.healthCheck().check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        api.verify(3, postRequestedFor(urlEqualTo("/graphql")));
    }

    @Test
    void aTimeoutIsUnhealthy() throws Exception {
        api.stubFor(post("/graphql").willReturn(viewer(4999).withFixedDelay(2_000)));

        assertThat(client.healthCheck().check().message()).contains("timed out");
    }
}
