package dev.selfheal.demo.sim.slack;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
import dev.selfheal.demo.sim.SimulatorProcess;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackSimulatorTest {

    private static final String[] JSON_AUTH = {"Authorization", "Bearer xoxb-sim", "Content-Type", "application/json; charset=utf-8"};
    private static final String FORM = "application/x-www-form-urlencoded";
    private SimulatorProcess slack;
    private SimHttp http;

    @BeforeAll
    void startTheSimulatorAsAChildProcess() {
        slack = SimulatorProcess.start(Api.SLACK, 3, "xoxb-sim", Optional.empty());
        http = new SimHttp(slack.baseUrl());
    }

    @AfterAll
    void stop() {
        slack.close();
    }

    @AfterEach
    void clearFaults() {
        http.clearFaults();
    }

    @Test
    void auth_test_answers_ok_with_the_workspace_and_bot_identity() {
        HttpResponse<String> response = http.post("/api/auth.test", "", "Authorization", "Bearer xoxb-sim", "Content-Type", FORM);

        JsonNode body = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("team_id").asText()).startsWith("T");
        assertThat(body.get("user_id").asText()).startsWith("U");
        assertThat(body.get("bot_id").asText()).startsWith("B");
        assertThat(body.get("url").asText()).startsWith("https://");
        assertThat(response.headers().firstValue("X-Slack-Req-Id")).isPresent();
    }

    @Test
    void a_bad_or_missing_token_is_http_200_with_slacks_error_codes() {
        HttpResponse<String> wrong = http.post("/api/auth.test", "token=xoxb-wrong", "Content-Type", FORM);
        HttpResponse<String> missing = http.post("/api/auth.test", "", "Content-Type", FORM);

        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(json(wrong).get("ok").asBoolean()).isFalse();
        assertThat(json(wrong).get("error").asText()).isEqualTo("invalid_auth");
        assertThat(missing.statusCode()).isEqualTo(200);
        assertThat(json(missing).get("error").asText()).isEqualTo("not_authed");
    }

    @Test
    void a_message_is_posted_from_json_or_form_and_gets_a_channel_id_and_a_ts() {
        HttpResponse<String> fromJson = http.post("/api/chat.postMessage", "{\"channel\":\"#ops\",\"text\":\"deploy done\"}", JSON_AUTH);
        HttpResponse<String> fromForm = http.post("/api/chat.postMessage", "token=xoxb-sim&channel=C0123ABCD&text=hello", "Content-Type", FORM);

        JsonNode body = json(fromJson);
        assertThat(body.get("ok").asBoolean()).isTrue();
        assertThat(body.get("channel").asText()).matches("C[A-Z0-9]+");
        assertThat(body.get("ts").asText()).matches("\\d+\\.\\d{6}");
        assertThat(body.at("/message/text").asText()).isEqualTo("deploy done");
        assertThat(body.at("/message/ts").asText()).isEqualTo(body.get("ts").asText());
        assertThat(json(fromForm).get("channel").asText()).isEqualTo("C0123ABCD");
        assertThat(json(fromForm).get("ts").asText()).isNotEqualTo(body.get("ts").asText());
    }

    @Test
    void message_errors_are_slacks_ok_false_answers() {
        assertThat(json(http.post("/api/chat.postMessage", "{\"channel\":\"#ops\"}", JSON_AUTH)).get("error").asText()).isEqualTo("no_text");
        assertThat(json(http.post("/api/chat.postMessage", "{\"channel\":\"does-not-exist\",\"text\":\"x\"}", JSON_AUTH))
                .get("error").asText()).isEqualTo("channel_not_found");
        HttpResponse<String> malformed = http.post("/api/chat.postMessage", "{\"channel\":", JSON_AUTH);
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThat(json(malformed).get("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    void a_repeated_client_msg_id_posts_once_and_answers_the_same_message() {
        String body = "{\"channel\":\"#ops\",\"text\":\"once\",\"client_msg_id\":\"3f0a6b1e-0000-4000-8000-000000000001\"}";

        HttpResponse<String> first = http.post("/api/chat.postMessage", body, JSON_AUTH);
        HttpResponse<String> second = http.post("/api/chat.postMessage", body, JSON_AUTH);

        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode ledger = json(http.get("/_admin/applications?key=3f0a6b1e-0000-4000-8000-000000000001"));
        assertThat(ledger.get("applications")).singleElement().satisfies(a -> {
            assertThat(a.get("operation").asText()).isEqualTo("chat.postMessage");
            assertThat(a.get("applied").asLong()).isEqualTo(1);
            assertThat(a.get("requests").asLong()).isEqualTo(2);
        });
    }

    @Test
    void a_rate_limit_fault_answers_429_with_retry_after() {
        http.injectFault("{\"mode\":\"rate-limit\",\"duration_ms\":30000}");

        HttpResponse<String> limited = http.post("/api/chat.postMessage", "{\"channel\":\"#ops\",\"text\":\"x\"}", JSON_AUTH);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("error").asText()).isEqualTo("ratelimited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
    }
}
