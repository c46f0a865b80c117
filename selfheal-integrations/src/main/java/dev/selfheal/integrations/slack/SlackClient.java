package dev.selfheal.integrations.slack;

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
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack Web API: health {@code auth.test}, operation {@code chat.postMessage}. Slack answers its
 * errors as HTTP 200 {@code {"ok": false, "error": ...}}: those become {@link ApiErrorException}
 * (not retried; {@code invalid_auth} and kin are "credentials rejected"); a 429 with
 * {@code Retry-After} is an HTTP failure the guard waits out.
 */
public final class SlackClient {

    public static final String DEFAULT_BASE_URL = "https://slack.com";
    public static final String TOKEN_VARIABLE = "SLACK_BOT_TOKEN";
    public static final String POST_MESSAGE = "chat.postMessage";
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "no_permission");

    private final JsonHttp http;
    private final Guard guard;

    public SlackClient(ClientSettings settings, Guard guard) {
        this.guard = guard;
        this.http = new JsonHttp("slack", settings, guard, b -> b.header("Authorization", "Bearer " + settings.token().reveal()));
        guard.outbox().registerHandler(POST_MESSAGE, message -> {
            JsonNode p = JsonHttp.JSON.readTree(message.payload());
            post(p.path("channel").asText(), p.path("text").asText(), message.idempotencyKey());
        });
    }

    public static Optional<SlackClient> fromEnvironment(Map<String, String> env, Optional<String> baseUrl, Guard guard) {
        return ApiToken.fromEnvironment(env, TOKEN_VARIABLE)
                .map(token -> new SlackClient(ClientSettings.of(baseUrl.orElse(DEFAULT_BASE_URL), token), guard));
    }

    /** {@code POST /api/auth.test}: who the token is. */
    public ApiResponse authTest() {
        return guard.call("auth.test", () -> ok(http.postJson("/api/auth.test", "{}", Map.of())));
    }

    /** {@code POST /api/chat.postMessage} now; returns the message's {@code ts}. */
    public String postMessage(String channel, String text, String idempotencyKey) {
        return guard.call(POST_MESSAGE, () -> post(channel, text, idempotencyKey));
    }

    /** The same message, parked in the outbox when Slack cannot take it now. */
    public SendOutcome postMessageOrPark(String channel, String text, String idempotencyKey) {
        return guard.outbox().send(POST_MESSAGE, idempotencyKey, payload(channel, text));
    }

    /**
     * The same message, parked in the outbox without trying Slack (notifications are off, say);
     * a later replay of the guard's outbox posts it.
     *
     * @throws IllegalStateException when the guard has no outbox fallback
     */
    public SendOutcome parkMessage(String channel, String text, String idempotencyKey, String reason) {
        return guard.outbox().park(POST_MESSAGE, idempotencyKey, payload(channel, text), reason);
    }

    private static String payload(String channel, String text) {
        return JsonHttp.JSON.valueToTree(JsonHttp.object("channel", channel, "text", text)).toString();
    }

    public HealthCheck healthCheck() {
        return new ProbeHealthCheck("slack", this::authTest, http.settings().degradedAfter(), ProbeHealthCheck.DEFAULT_QUOTA_WARN_FRACTION,
                http::lastFailure);
    }

    private String post(String channel, String text, String idempotencyKey) throws IOException, InterruptedException {
        // client_msg_id is Slack's own de-duplication hint; the simulator also reads Idempotency-Key.
        ApiResponse response = ok(http.postJson("/api/chat.postMessage",
                JsonHttp.object("channel", channel, "text", text, "client_msg_id", idempotencyKey),
                Map.of("Idempotency-Key", idempotencyKey)));
        return response.body().path("ts").asText();
    }

    private static ApiResponse ok(ApiResponse response) {
        JsonNode body = response.body();
        if (!body.path("ok").asBoolean(false)) {
            String error = body.path("error").asText("unknown_error");
            throw new ApiErrorException("slack", error, "", CREDENTIAL_ERRORS.contains(error));
        }
        return response;
    }
}
