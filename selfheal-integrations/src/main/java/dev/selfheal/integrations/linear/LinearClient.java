package dev.selfheal.integrations.linear;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.health.HealthCheck;
import dev.selfheal.integrations.http.ApiErrorException;
import dev.selfheal.integrations.http.ApiResponse;
import dev.selfheal.integrations.http.ApiToken;
import dev.selfheal.integrations.http.ClientSettings;
import dev.selfheal.integrations.http.JsonHttp;
import dev.selfheal.integrations.http.ProbeHealthCheck;
import dev.selfheal.resilience.SendOutcome;
import dev.selfheal.resilience.Guard;
import dev.selfheal.resilience.retry.HttpStatusException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linear GraphQL ({@code POST /graphql}): health {@code { viewer { id } }}, operation
 * {@code issueCreate}. The API key goes in {@code Authorization} as is (Linear's personal keys).
 *
 * <p>Linear reports some failures as HTTP 400 with a GraphQL error code. Two are translated so
 * that the guard treats them as what they are: {@code RATELIMITED} becomes a 429 carrying the
 * {@code X-RateLimit-Requests-*} headers (retried after the reset, or parked), and
 * {@code AUTHENTICATION_ERROR} becomes a 401 (credentials rejected, not retried). Other GraphQL
 * errors are {@link ApiErrorException} (not retried).
 */
public final class LinearClient {

    public static final String DEFAULT_BASE_URL = "https://api.linear.app";
    public static final String TOKEN_VARIABLE = "LINEAR_API_KEY";
    public static final String ISSUE_CREATE = "issueCreate";

    static final String VIEWER = "{ viewer { id } }";
    static final String CREATE = """
            mutation IssueCreate($input: IssueCreateInput!) {
              issueCreate(input: $input) { success issue { id identifier url } }
            }""";

    private final JsonHttp http;
    private final Guard guard;

    public LinearClient(ClientSettings settings, Guard guard) {
        this.guard = guard;
        this.http = new JsonHttp("linear", settings, guard, b -> b.header("Authorization", settings.token().reveal()),
                LinearClient::translate);
        guard.outbox().registerHandler(ISSUE_CREATE, message -> {
            JsonNode p = JsonHttp.JSON.readTree(message.payload());
            create(p.path("teamId").asText(), p.path("title").asText(), p.path("description").asText(), message.idempotencyKey());
        });
    }

    public static Optional<LinearClient> fromEnvironment(Map<String, String> env, Optional<String> baseUrl, Guard guard) {
        return ApiToken.fromEnvironment(env, TOKEN_VARIABLE)
                .map(token -> new LinearClient(ClientSettings.of(baseUrl.orElse(DEFAULT_BASE_URL), token), guard));
    }

    /** {@code { viewer { id } }}: the raw answer (the health probe). */
    public ApiResponse viewer() {
        return guard.call("viewer", () -> graphql(VIEWER, Map.of(), Map.of()));
    }

    public String viewerId() {
        return viewer().body().path("data").path("viewer").path("id").asText();
    }

    /** {@code issueCreate} now; returns the identifier ({@code ENG-42}). */
    public CreatedIssue createIssue(String teamId, String title, String description, String idempotencyKey) {
        return guard.call(ISSUE_CREATE, () -> create(teamId, title, description, idempotencyKey));
    }

    /** The same issue, parked in the outbox when Linear cannot take it now. */
    public SendOutcome createIssueOrPark(String teamId, String title, String description, String idempotencyKey) {
        String payload = JsonHttp.JSON.valueToTree(JsonHttp.object("teamId", teamId, "title", title, "description", description)).toString();
        return guard.outbox().send(ISSUE_CREATE, idempotencyKey, payload);
    }

    public HealthCheck healthCheck() {
        return new ProbeHealthCheck("linear", this::viewer, http.settings().degradedAfter(), ProbeHealthCheck.DEFAULT_QUOTA_WARN_FRACTION,
                http::lastFailure);
    }

    private CreatedIssue create(String teamId, String title, String description, String idempotencyKey)
            throws IOException, InterruptedException {
        Map<String, Object> input = JsonHttp.object("teamId", teamId, "title", title, "description", description);
        JsonNode issue = graphql(CREATE, Map.of("input", input), Map.of("Idempotency-Key", idempotencyKey))
                .body().path("data").path("issueCreate").path("issue");
        return new CreatedIssue(issue.path("id").asText(), issue.path("identifier").asText(), issue.path("url").asText());
    }

    private ApiResponse graphql(String query, Map<String, Object> variables, Map<String, String> headers)
            throws IOException, InterruptedException {
        ApiResponse response = http.postJson("/graphql", JsonHttp.object("query", query, "variables", variables), headers);
        JsonNode errors = response.body().path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String code = first.path("extensions").path("code").asText("GRAPHQL_ERROR");
            throw new ApiErrorException("linear", code, first.path("message").asText(), "AUTHENTICATION_ERROR".equals(code));
        }
        return response;
    }

    /** Linear's 400s that are not the caller's fault in the usual sense: rate limit and credentials. */
    private static RuntimeException translate(int status, Map<String, List<String>> headers, String body) {
        String code = "";
        String message = "";
        try {
            JsonNode first = JsonHttp.JSON.readTree(body).path("errors").path(0);
            code = first.path("extensions").path("code").asText("");
            message = first.path("message").asText("");
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
        return switch (code) {
            case "RATELIMITED" -> new HttpStatusException(429, headers, "linear RATELIMITED (HTTP " + status + "): " + message);
            case "AUTHENTICATION_ERROR" -> new HttpStatusException(401, headers, "linear AUTHENTICATION_ERROR (HTTP " + status + "): " + message);
            case "" -> null;
            default -> status >= 500 ? null : new HttpStatusException(status, headers, "linear " + code + ": " + message);
        };
    }

    /** What {@code issueCreate} made. */
    public record CreatedIssue(String id, String identifier, String url) { }
}
