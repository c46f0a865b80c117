package dev.selfheal.integrations.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.selfheal.integrations.http.TestGuards;
import dev.selfheal.resilience.CallFailedException;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.resilience.RetriesExhaustedException;
import dev.selfheal.resilience.retry.HttpStatusException;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubClientContractTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GuardRegistry guards;
    private GitHubClient client;

    @BeforeEach
    void setUp() {
        guards = TestGuards.registry("github");
        client = new GitHubClient(TestGuards.settings(api.baseUrl()), guards.guard("github"));
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private static String rateLimit(int remaining) {
        long reset = Instant.now().getEpochSecond() + 3600;
        return """
                {"resources":{"core":{"limit":5000,"used":%d,"remaining":%d,"reset":%d}},
                 "rate":{"limit":5000,"used":%d,"remaining":%d,"reset":%d}}""".formatted(5000 - remaining, remaining, reset, 5000 - remaining, remaining, reset);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder quota(int remaining) {
        return okJson(rateLimit(remaining))
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", String.valueOf(remaining))
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600))
                .withHeader("X-RateLimit-Resource", "core")
                .withHeader("X-GitHub-Request-Id", "ABCD:1234");
    }

    @Test
    void aHealthyApiWithQuotaLeftIsHealthyAndTheTokenGoesAsABearerHeader() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(quota(4990)));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("rate_limit_remaining", 4990L);
        api.verify(getRequestedFor(urlEqualTo("/rate_limit"))
                .withHeader("Authorization", equalTo("Bearer test-token-s3cr3t"))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void lessThanTenPercentOfTheQuotaLeftIsDegraded() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(quota(400)));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("quota low: 400 of 5000");
    }

    @Test
    void aSlowAnswerIsDegraded() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(quota(4990).withFixedDelay(350)));

        assertThat(client.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void badCredentialsAreUnhealthyAndNotRetried() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("credentials rejected");
        assertThat(result.message()).doesNotContain("test-token-s3cr3t");
        api.verify(1, getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void aServerErrorIsRetriedThenUnhealthy() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("HTTP 502");
        api.verify(3, getRequestedFor(urlEqualTo("/rate_limit")));
    }

    @Test
    void aTimeoutIsRetriedThenUnhealthy() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(quota(4990).withFixedDelay(2_000)));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("timed out");
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterThenSucceeds() {
        api.stubFor(post("/repos/acme/api/issues/7/comments").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"))
                .willSetStateTo("open"));
        api.stubFor(post("/repos/acme/api/issues/7/comments").inScenario("limited").whenScenarioStateIs("open")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 1001, \"body\": \"hi\"}")));

        long start = System.nanoTime();
        long id = client.commentOnIssue("acme", "api", 7, "hi", "evt-1:github");

        assertThat(id).isEqualTo(1001);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(900);
        api.verify(2, postRequestedFor(urlEqualTo("/repos/acme/api/issues/7/comments"))
                .withHeader("Idempotency-Key", equalTo("evt-1:github"))
                .withRequestBody(equalToJson("{\"body\":\"hi\"}")));
    }

    @Test
    void aPrimaryRateLimit403IsRetriedNotTakenForBadCredentials() throws Exception {
        api.stubFor(get("/rate_limit").willReturn(aResponse().withStatus(403)
                .withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).contains("rate limited");
    }

    @Test
    void aPullRequestIsReadAndA404IsNotRetried() {
        api.stubFor(get("/repos/acme/api/pulls/12").willReturn(okJson("""
                {"number":12,"state":"open","title":"Fix flaky test","user":{"login":"octocat"},
                 "head":{"sha":"0123456789abcdef0123456789abcdef01234567"},"html_url":"https://github.com/acme/api/pull/12","merged":false}""")));
        api.stubFor(get("/repos/acme/api/pulls/9999").willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));

        PullRequest pr = client.pullRequest("acme", "api", 12);

        assertThat(pr.title()).isEqualTo("Fix flaky test");
        assertThat(pr.author()).isEqualTo("octocat");
        assertThatThrownBy(() -> client.pullRequest("acme", "api", 9999))
                .isInstanceOf(CallFailedException.class)
                .hasRootCauseInstanceOf(HttpStatusException.class);
        api.verify(1, getRequestedFor(urlEqualTo("/repos/acme/api/pulls/9999")));
    }

    @Test
    void aCommentThatKeepsFailingEndsInRetriesExhaustedWithTheStatus() {
        api.stubFor(post("/repos/acme/api/issues/7/comments").willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.commentOnIssue("acme", "api", 7, "hi", "k"))
                .isInstanceOf(RetriesExhaustedException.class)
                .satisfies(e -> assertThat(((HttpStatusException) e.getCause()).status()).isEqualTo(503));
    }
}
