package dev.selfheal.integrations.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.health.HealthCheck;
import dev.selfheal.integrations.http.ApiResponse;
import dev.selfheal.integrations.http.ApiToken;
import dev.selfheal.integrations.http.ClientSettings;
import dev.selfheal.integrations.http.JsonHttp;
import dev.selfheal.integrations.http.ProbeHealthCheck;
import dev.selfheal.resilience.SendOutcome;
import dev.selfheal.resilience.Guard;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub REST v3: health ({@code GET /rate_limit}: credentials and remaining quota), read a pull
 * request, comment on an issue. Every call goes through the {@code github} guard; a comment can
 * also be sent parkable ({@link #commentOrPark}), replayed from the outbox with its idempotency key.
 */
public final class GitHubClient {

    public static final String DEFAULT_BASE_URL = "https://api.github.com";
    public static final String TOKEN_VARIABLE = "GITHUB_TOKEN";
    /** The operation name of a parkable comment (also the simulator's idempotency scope). */
    public static final String COMMENT = "issue_comment.create";

    private final JsonHttp http;
    private final Guard guard;

    public GitHubClient(ClientSettings settings, Guard guard) {
        this.guard = guard;
        this.http = new JsonHttp("github", settings, guard, b -> b
                .header("Authorization", "Bearer " + settings.token().reveal())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28"));
        guard.outbox().registerHandler(COMMENT, message -> {
            JsonNode p = JsonHttp.JSON.readTree(message.payload());
            comment(p.path("owner").asText(), p.path("repo").asText(), p.path("number").asInt(), p.path("body").asText(),
                    message.idempotencyKey());
        });
    }

    /** A client of the real service (or {@code baseUrl}) with the token in {@code GITHUB_TOKEN}. */
    public static Optional<GitHubClient> fromEnvironment(Map<String, String> env, Optional<String> baseUrl, Guard guard) {
        return ApiToken.fromEnvironment(env, TOKEN_VARIABLE)
                .map(token -> new GitHubClient(ClientSettings.of(baseUrl.orElse(DEFAULT_BASE_URL), token), guard));
    }

    /** {@code GET /rate_limit}: the {@code resources.core} quota; spends none. */
    public ApiResponse rateLimit() {
        return guard.call("rate_limit", () -> http.get("/rate_limit"));
    }

    /** {@code GET /repos/{owner}/{repo}/pulls/{number}}. */
    public PullRequest pullRequest(String owner, String repo, int number) {
        return guard.call("pull_request.get", () -> PullRequest.from(
                http.get("/repos/%s/%s/pulls/%d".formatted(owner, repo, number)).body()));
    }

    /** {@code POST /repos/{owner}/{repo}/issues/{number}/comments}, now, through the guard. */
    public long commentOnIssue(String owner, String repo, int number, String body, String idempotencyKey) {
        return guard.call(COMMENT, () -> comment(owner, repo, number, body, idempotencyKey));
    }

    /** The same comment, parked in the outbox when GitHub cannot take it now (replayed in order later). */
    public SendOutcome commentOrPark(String owner, String repo, int number, String body, String idempotencyKey) {
        String payload = JsonHttp.JSON.valueToTree(JsonHttp.object("owner", owner, "repo", repo, "number", number, "body", body)).toString();
        return guard.outbox().send(COMMENT, idempotencyKey, payload);
    }

    public HealthCheck healthCheck() {
        return new ProbeHealthCheck("github", this::rateLimit, http.settings().degradedAfter(), ProbeHealthCheck.DEFAULT_QUOTA_WARN_FRACTION,
                http::lastFailure);
    }

    private long comment(String owner, String repo, int number, String body, String idempotencyKey)
            throws IOException, InterruptedException {
        ApiResponse response = http.postJson("/repos/%s/%s/issues/%d/comments".formatted(owner, repo, number),
                JsonHttp.object("body", body), Map.of("Idempotency-Key", idempotencyKey));
        return response.body().path("id").asLong();
    }
}
