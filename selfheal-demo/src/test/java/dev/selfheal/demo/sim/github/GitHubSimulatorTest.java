package dev.selfheal.demo.sim.github;

import static dev.selfheal.demo.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimHttp;
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
class GitHubSimulatorTest {

    private static final String[] AUTH = {"Authorization", "Bearer gh-token", "Accept", "application/vnd.github+json"};
    private SimulatorProcess github;
    private SimHttp http;

    @BeforeAll
    void startTheSimulatorAsAChildProcess() {
        github = SimulatorProcess.start(Api.GITHUB, 7, "gh-token", Optional.empty());
        http = new SimHttp(github.baseUrl());
    }

    @AfterAll
    void stop() {
        github.close();
    }

    @AfterEach
    void clearFaults() {
        http.clearFaults();
    }

    private static void assertRateLimitHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("X-RateLimit-Limit")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Reset")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Used")).isPresent();
        assertThat(response.headers().firstValue("X-RateLimit-Resource")).contains("core");
    }

    @Test
    void rate_limit_reports_the_core_quota_in_githubs_shape_without_spending_it() {
        HttpResponse<String> first = http.get("/rate_limit", AUTH);
        HttpResponse<String> second = http.get("/rate_limit", AUTH);

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode body = json(second);
        assertThat(body.at("/resources/core/limit").asLong()).isEqualTo(5000);
        assertThat(body.at("/resources/core/remaining").asLong()).isEqualTo(json(first).at("/resources/core/remaining").asLong());
        assertThat(body.at("/rate/reset").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(body.at("/resources/search/limit").asLong()).isEqualTo(30);
        assertRateLimitHeaders(second);
        assertThat(second.headers().firstValue("X-RateLimit-Limit")).contains("5000");
    }

    @Test
    void a_pull_request_comes_in_githubs_shape_and_the_same_seed_always_shows_the_same_one() {
        HttpResponse<String> response = http.get("/repos/acme/widgets/pulls/12", AUTH);
        JsonNode pr = json(response);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(pr.get("number").asInt()).isEqualTo(12);
        assertThat(pr.get("state").asText()).isIn("open", "closed");
        assertThat(pr.get("html_url").asText()).isEqualTo("https://github.com/acme/widgets/pull/12");
        assertThat(pr.at("/head/sha").asText()).hasSize(40);
        assertThat(pr.at("/base/ref").asText()).isEqualTo("main");
        assertThat(pr.at("/user/login").asText()).isNotBlank();
        assertThat(json(http.get("/repos/acme/widgets/pulls/12", AUTH))).isEqualTo(pr);
        assertRateLimitHeaders(response);
        assertThat(response.headers().firstValue("X-GitHub-Request-Id")).isPresent();
    }

    @Test
    void an_unknown_pull_request_is_a_github_not_found() {
        HttpResponse<String> response = http.get("/repos/acme/widgets/pulls/99999", AUTH);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).isEqualTo("Not Found");
        assertThat(json(response).get("documentation_url").asText()).startsWith("https://docs.github.com/rest");
        assertRateLimitHeaders(response);
    }

    @Test
    void a_comment_is_created_with_201_a_location_and_the_quota_spent() {
        long remainingBefore = json(http.get("/rate_limit", AUTH)).at("/rate/remaining").asLong();

        HttpResponse<String> response = http.post("/repos/acme/widgets/issues/5/comments", "{\"body\":\"Looks good\"}", AUTH);

        JsonNode comment = json(response);
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(comment.get("body").asText()).isEqualTo("Looks good");
        assertThat(comment.get("id").asLong()).isPositive();
        assertThat(comment.get("issue_url").asText()).endsWith("/repos/acme/widgets/issues/5");
        assertThat(comment.at("/user/login").asText()).isEqualTo("selfheal-bot");
        assertThat(response.headers().firstValue("Location")).contains(comment.get("url").asText());
        assertThat(response.headers().firstValue("X-RateLimit-Remaining")).contains(String.valueOf(remainingBefore - 1));
    }

    @Test
    void the_same_idempotency_key_twice_is_applied_once_and_answered_the_same() {
        String[] keyed = {"Authorization", "token gh-token", "Idempotency-Key", "event-42"};

        HttpResponse<String> first = http.post("/repos/acme/widgets/issues/7/comments", "{\"body\":\"once\"}", keyed);
        HttpResponse<String> second = http.post("/repos/acme/widgets/issues/7/comments", "{\"body\":\"once\"}", keyed);

        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        JsonNode ledger = json(http.get("/_admin/applications?key=event-42"));
        assertThat(ledger.get("applied_more_than_once").asLong()).isZero();
        assertThat(ledger.get("applications")).singleElement().satisfies(a -> {
            assertThat(a.get("operation").asText()).isEqualTo("issue_comment.create");
            assertThat(a.get("applied").asLong()).isEqualTo(1);
            assertThat(a.get("requests").asLong()).isEqualTo(2);
            assertThat(a.get("first_applied_at").asText()).isNotBlank();
        });
    }

    @Test
    void a_wrong_or_missing_token_gets_githubs_401() {
        HttpResponse<String> wrong = http.get("/repos/acme/widgets/pulls/1", "Authorization", "Bearer nope");
        HttpResponse<String> missing = http.get("/rate_limit");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("Bad credentials");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("message").asText()).isEqualTo("Requires authentication");
        assertThat(wrong.headers().firstValue("X-RateLimit-Limit")).contains("60");
    }

    @Test
    void a_malformed_or_incomplete_comment_is_refused_saying_why() {
        HttpResponse<String> malformed = http.post("/repos/acme/widgets/issues/5/comments", "{\"body\": ", AUTH);
        HttpResponse<String> noBody = http.post("/repos/acme/widgets/issues/5/comments", "{\"text\":\"hi\"}", AUTH);

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).get("message").asText()).startsWith("Problems parsing JSON").contains("POST /repos/acme/widgets/issues/5/comments");
        assertThat(noBody.statusCode()).isEqualTo(422);
        assertThat(json(noBody).get("message").asText()).contains("\"body\" wasn't supplied");
    }

    @Test
    void a_rate_limit_fault_answers_403_with_nothing_remaining_until_it_ends() {
        http.injectFault("{\"mode\":\"rate-limit\",\"duration_ms\":600000}");

        HttpResponse<String> limited = http.get("/repos/acme/widgets/pulls/1", AUTH);

        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(json(limited).get("message").asText()).startsWith("API rate limit exceeded");
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().getEpochSecond() + 500, Instant.now().getEpochSecond() + 601);

        http.clearFaults();
        assertThat(http.get("/repos/acme/widgets/pulls/1", AUTH).statusCode()).isEqualTo(200);
    }
}
