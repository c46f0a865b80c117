package dev.selfheal.demo.sim.codegen;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
import dev.selfheal.demo.sim.SimulatorProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodegenSimulatorTest {

    private static final String[] AUTH = {"Authorization", "Bearer cg-token", "Content-Type", "application/json"};
    private SimulatorProcess codegen;
    private SimHttp http;

    @BeforeAll
    void startTheSimulatorAsAChildProcess() {
        codegen = SimulatorProcess.start(Api.CODEGEN, 11, "cg-token", Optional.empty());
        http = new SimHttp(codegen.baseUrl());
    }

    @AfterAll
    void stop() {
        codegen.close();
    }

    @AfterEach
    void clearFaults() {
        http.clearFaults();
    }

    @Test
    void the_health_call_returns_the_current_user() {
        HttpResponse<String> response = http.get("/v1/users/me", AUTH);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("email").asText()).contains("@");
    }

    @Test
    void an_agent_run_starts_active_with_a_web_url_and_completes_later() {
        HttpResponse<String> started = http.post("/v1/organizations/7/agent/run", "{\"prompt\":\"Review PR #12\"}", AUTH);

        JsonNode run = json(started);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(run.get("id").asLong()).isPositive();
        assertThat(run.get("organization_id").asLong()).isEqualTo(7);
        assertThat(run.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(run.get("web_url").asText()).isEqualTo("https://codegen.com/agent/trace/" + run.get("id").asLong());
        assertThat(run.get("result").isNull()).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(json(http.get("/v1/organizations/7/agent/run/" + run.get("id").asLong(), AUTH)).get("status").asText())
                        .isEqualTo("COMPLETE"));
    }

    @Test
    void an_unknown_run_is_404_and_a_run_without_prompt_is_a_422_naming_the_field() {
        HttpResponse<String> unknown = http.get("/v1/organizations/7/agent/run/1", AUTH);
        HttpResponse<String> noPrompt = http.post("/v1/organizations/7/agent/run", "{\"repo_id\":1}", AUTH);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("detail").asText()).contains("not found");
        assertThat(noPrompt.statusCode()).isEqualTo(422);
        assertThat(json(noPrompt).at("/detail/0/loc/1").asText()).isEqualTo("prompt");
        assertThat(json(noPrompt).at("/detail/0/msg").asText()).isEqualTo("Field required");
    }

    @Test
    void a_wrong_token_is_401_with_a_detail() {
        HttpResponse<String> response = http.get("/v1/users/me", "Authorization", "Bearer nope");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("detail").asText()).isEqualTo("Invalid or expired API token");
    }

    @Test
    void the_same_idempotency_key_starts_one_run() {
        String[] keyed = {"Authorization", "Bearer cg-token", "Idempotency-Key", "event-9"};

        HttpResponse<String> first = http.post("/v1/organizations/7/agent/run", "{\"prompt\":\"x\"}", keyed);
        HttpResponse<String> second = http.post("/v1/organizations/7/agent/run", "{\"prompt\":\"x\"}", keyed);

        assertThat(json(second).get("id")).isEqualTo(json(first).get("id"));
        assertThat(json(http.get("/_admin/applications?key=event-9")).at("/applications/0/applied").asLong()).isEqualTo(1);
    }

    @Test
    void a_rate_limit_fault_answers_429_with_retry_after() {
        http.injectFault("{\"mode\":\"rate-limit\",\"duration_ms\":10000}");

        HttpResponse<String> limited = http.post("/v1/organizations/7/agent/run", "{\"prompt\":\"x\"}", AUTH);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }
}
