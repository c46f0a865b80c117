package dev.selfheal.demo.sim.linear;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.SimulatorProcess;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinearSimulatorTest {

    private static final String[] AUTH = {"Authorization", "lin_api_sim", "Content-Type", "application/json"};
    private static final String CREATE = "mutation IssueCreate($input: IssueCreateInput!) {"
            + " issueCreate(input: $input) { success issue { id identifier url title } } }";
    private SimulatorProcess linear;
    private SimHttp http;

    @BeforeAll
    void startTheSimulatorAsAChildProcess() {
        linear = SimulatorProcess.start(Api.LINEAR, 5, "lin_api_sim", Optional.empty());
        http = new SimHttp(linear.baseUrl());
    }

    @AfterAll
    void stop() {
        linear.close();
    }

    @AfterEach
    void clearFaults() {
        http.clearFaults();
    }

    private static String request(String query, String variablesJson) {
        return SimJson.write(SimJson.object().put("query", query).set("variables", SimJson.parse(variablesJson, "test")));
    }

    @Test
    void the_viewer_query_answers_exactly_the_selected_fields_with_rate_limit_headers() {
        HttpResponse<String> response = http.post("/graphql", "{\"query\":\"{ viewer { id name } }\"}", AUTH);

        JsonNode viewer = json(response).at("/data/viewer");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(viewer.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "name");
        assertThat(viewer.get("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("X-RateLimit-Requests-Limit")).contains("5000");
        assertThat(response.headers().firstValue("X-RateLimit-Requests-Remaining")).isPresent();
        assertThat(Long.parseLong(response.headers().firstValue("X-RateLimit-Requests-Reset").orElseThrow()))
                .isGreaterThan(Instant.now().toEpochMilli());
        assertThat(response.headers().firstValue("X-Complexity")).contains("3");
        assertThat(response.headers().firstValue("X-RateLimit-Complexity-Remaining")).isPresent();
    }

    @Test
    void issue_create_returns_success_and_an_issue_with_identifier_and_url() {
        HttpResponse<String> first = http.post("/graphql", request(CREATE, "{\"input\":{\"teamId\":\"team-1\",\"title\":\"Checkout is down\"}}"), AUTH);
        HttpResponse<String> second = http.post("/graphql",
                "{\"query\":\"mutation { issueCreate(input: {teamId: \\\"team-1\\\", title: \\\"Second\\\"}) { success issue { identifier } } }\"}", AUTH);

        JsonNode payload = json(first).at("/data/issueCreate");
        assertThat(payload.get("success").asBoolean()).isTrue();
        assertThat(payload.at("/issue/identifier").asText()).matches("ENG-\\d+");
        assertThat(payload.at("/issue/url").asText()).startsWith("https://linear.app/").endsWith("/checkout-is-down");
        assertThat(payload.at("/issue/title").asText()).isEqualTo("Checkout is down");
        int number = Integer.parseInt(payload.at("/issue/identifier").asText().substring(4));
        assertThat(json(second).at("/data/issueCreate/issue/identifier").asText()).isEqualTo("ENG-" + (number + 1));
    }

    @Test
    void the_same_input_id_creates_one_issue_and_answers_the_original_payload() {
        String body = request(CREATE, "{\"input\":{\"id\":\"5b7e1c1e-1111-4222-8333-444455556666\",\"teamId\":\"team-1\",\"title\":\"Once\"}}");

        HttpResponse<String> first = http.post("/graphql", body, AUTH);
        HttpResponse<String> second = http.post("/graphql", body, AUTH);

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(json(first).at("/data/issueCreate/issue/id").asText()).isEqualTo("5b7e1c1e-1111-4222-8333-444455556666");
        assertThat(json(http.get("/_admin/applications?key=5b7e1c1e-1111-4222-8333-444455556666")).at("/applications/0/applied").asLong())
                .isEqualTo(1);
    }

    @Test
    void a_wrong_token_gets_an_authentication_error() {
        HttpResponse<String> response = http.post("/graphql", "{\"query\":\"{ viewer { id } }\"}", "Authorization", "lin_api_wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).at("/errors/0/extensions/code").asText()).isEqualTo("AUTHENTICATION_ERROR");
        assertThat(json(response).at("/errors/0/message").asText()).contains("not authenticated");
    }

    @Test
    void syntax_and_validation_errors_are_graphql_errors_with_locations_and_nothing_is_created() {
        HttpResponse<String> syntax = http.post("/graphql", "{\"query\":\"{ viewer { id \"}", AUTH);
        HttpResponse<String> unknown = http.post("/graphql", request(CREATE.replace("title", "colour"), "{\"input\":{\"teamId\":\"t\"}}"), AUTH);
        HttpResponse<String> noTeam = http.post("/graphql", request(CREATE, "{\"input\":{\"title\":\"x\"}}"), AUTH);
        HttpResponse<String> notJson = http.post("/graphql", "query=viewer", AUTH);

        assertThat(syntax.statusCode()).isEqualTo(400);
        assertThat(json(syntax).at("/errors/0/extensions/code").asText()).isEqualTo("GRAPHQL_PARSE_FAILED");
        assertThat(json(syntax).at("/errors/0/locations/0/line").asInt()).isEqualTo(1);
        assertThat(json(unknown).at("/errors/0/message").asText()).isEqualTo("Cannot query field \"colour\" on type \"Issue\".");
        assertThat(json(noTeam).at("/errors/0/extensions/code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).at("/errors/0/message").asText()).contains("POST /graphql: the body is not valid JSON");
    }

    @Test
    void a_rate_limit_fault_answers_linears_ratelimited_error_with_nothing_remaining() {
        http.injectFault("{\"mode\":\"rate-limit\",\"duration_ms\":20000}");

        HttpResponse<String> limited = http.post("/graphql", "{\"query\":\"{ viewer { id } }\"}", AUTH);

        assertThat(limited.statusCode()).isEqualTo(400);
        assertThat(json(limited).at("/errors/0/extensions/code").asText()).isEqualTo("RATELIMITED");
        assertThat(limited.headers().firstValue("X-RateLimit-Requests-Remaining")).contains("0");
        assertThat(Long.parseLong(limited.headers().firstValue("X-RateLimit-Requests-Reset").orElseThrow()))
                .isBetween(Instant.now().toEpochMilli(), Instant.now().toEpochMilli() + 20_001);
    }
}
