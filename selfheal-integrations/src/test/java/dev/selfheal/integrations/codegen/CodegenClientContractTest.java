package dev.selfheal.integrations.codegen;

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

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.selfheal.integrations.http.TestGuards;
import dev.selfheal.resilience.SendOutcome;
import dev.selfheal.resilience.GuardRegistry;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CodegenClientContractTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private GuardRegistry guards;
    private CodegenClient client;

    @BeforeEach
    void setUp() {
        guards = TestGuards.registry("codegen");
        client = new CodegenClient(TestGuards.settings(api.baseUrl()), CodegenPaths.DEFAULTS, "42", guards.guard("codegen"));
    }

    @AfterEach
    void tearDown() {
        guards.close();
    }

    private static final String RUN = """
            {"id":9001,"organization_id":42,"status":"ACTIVE","created_at":"2026-01-01T00:00:00Z",
             "web_url":"https://codegen.com/agent/trace/9001","result":null,"source_type":"API","github_pull_requests":[],"metadata":null}""";

    @Test
    void theHealthPathAnsweredIsHealthy() throws Exception {
        api.stubFor(get("/v1/users/me").willReturn(okJson("{\"id\":1,\"email\":\"bot@acme.dev\",\"github_username\":\"acme-bot\"}")));

        assertThat(client.healthCheck().check().status()).isEqualTo(HealthStatus.HEALTHY);
        api.verify(getRequestedFor(urlEqualTo("/v1/users/me")).withHeader("Authorization", equalTo("Bearer test-token-s3cr3t")));
    }

    @Test
    void pathsAreConfigurable() throws Exception {
        var other = GuardRegistry.builder().guard(dev.selfheal.resilience.GuardConfig.defaults("codegen")).build();
        var custom = new CodegenClient(TestGuards.settings(api.baseUrl()), new CodegenPaths("/health", "/orgs/{org_id}/runs"), "7",
                other.guard("codegen"));
        api.stubFor(post("/orgs/7/runs").willReturn(okJson(RUN)));

        assertThat(custom.startAgentRun("fix it", "k").id()).isEqualTo(9001);
        other.close();
    }

    @Test
    void anInvalidTokenIsCredentialsRejectedAndNotRetried() throws Exception {
        api.stubFor(get("/v1/users/me").willReturn(aResponse().withStatus(401).withBody("{\"detail\":\"Invalid or expired API token\"}")));

        HealthCheckResult result = client.healthCheck().check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.message()).contains("credentials rejected");
        api.verify(1, getRequestedFor(urlEqualTo("/v1/users/me")));
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndTheRunStartedOnceWithItsKey() {
        api.stubFor(post("/v1/organizations/42/agent/run").inScenario("l").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"detail\":\"Rate limit exceeded\"}"))
                .willSetStateTo("open"));
        api.stubFor(post("/v1/organizations/42/agent/run").inScenario("l").whenScenarioStateIs("open").willReturn(okJson(RUN)));

        SendOutcome delivery = client.startAgentRunOrPark("Review PR #7", "evt-1:codegen");

        assertThat(delivery).isInstanceOf(SendOutcome.Delivered.class);
        api.verify(2, postRequestedFor(urlEqualTo("/v1/organizations/42/agent/run"))
                .withHeader("Idempotency-Key", equalTo("evt-1:codegen"))
                .withRequestBody(equalToJson("{\"prompt\":\"Review PR #7\"}")));
    }

    @Test
    void aServerErrorIsRetriedThenUnhealthy() throws Exception {
        api.stubFor(get("/v1/users/me").willReturn(aResponse().withStatus(500).withBody("{\"detail\":\"Internal Server Error\"}")));

        assertThat(client.healthCheck().check().status()).isEqualTo(HealthStatus.UNHEALTHY);
        api.verify(3, getRequestedFor(urlEqualTo("/v1/users/me")));
    }

    @Test
    void aTimeoutIsUnhealthy() throws Exception {
        api.stubFor(get("/v1/users/me").willReturn(okJson("{}").withFixedDelay(2_000)));

        assertThat(client.healthCheck().check().message()).contains("timed out");
    }
}
