package dev.selfheal.integrations.codegen;

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
 * Codegen API: health (a GET of {@link CodegenPaths#health()}) and "start an agent run" (a POST
 * of {@code {"prompt": ...}} to {@link CodegenPaths#agentRun()}), Bearer token, FastAPI-shaped
 * errors. The paths are configurable because the public docs leave them uncertain.
 */
public final class CodegenClient {

    public static final String DEFAULT_BASE_URL = "https://api.codegen.com";
    public static final String TOKEN_VARIABLE = "CODEGEN_API_TOKEN";
    public static final String START_RUN = "agent_run.create";

    private final JsonHttp http;
    private final Guard guard;
    private final CodegenPaths paths;
    private final String organizationId;

    public CodegenClient(ClientSettings settings, CodegenPaths paths, String organizationId, Guard guard) {
        this.guard = guard;
        this.paths = paths;
        this.organizationId = organizationId;
        this.http = new JsonHttp("codegen", settings, guard, b -> b.header("Authorization", "Bearer " + settings.token().reveal()));
        guard.outbox().registerHandler(START_RUN, message -> start(JsonHttp.JSON.readTree(message.payload()).path("prompt").asText(),
                message.idempotencyKey()));
    }

    public static Optional<CodegenClient> fromEnvironment(Map<String, String> env, Optional<String> baseUrl, CodegenPaths paths,
                                                          String organizationId, Guard guard) {
        return ApiToken.fromEnvironment(env, TOKEN_VARIABLE).map(token ->
                new CodegenClient(ClientSettings.of(baseUrl.orElse(DEFAULT_BASE_URL), token), paths, organizationId, guard));
    }

    /** The health GET: who the token belongs to. */
    public ApiResponse me() {
        return guard.call("users.me", () -> http.get(paths.health()));
    }

    /** Starts an agent run now; returns its id. */
    public AgentRun startAgentRun(String prompt, String idempotencyKey) {
        return guard.call(START_RUN, () -> start(prompt, idempotencyKey));
    }

    /** The same run, parked in the outbox when Codegen cannot take it now. */
    public SendOutcome startAgentRunOrPark(String prompt, String idempotencyKey) {
        return guard.outbox().send(START_RUN, idempotencyKey, JsonHttp.JSON.valueToTree(Map.of("prompt", prompt)).toString());
    }

    public HealthCheck healthCheck() {
        return new ProbeHealthCheck("codegen", this::me, http.settings().degradedAfter(), ProbeHealthCheck.DEFAULT_QUOTA_WARN_FRACTION,
                http::lastFailure);
    }

    private AgentRun start(String prompt, String idempotencyKey) throws IOException, InterruptedException {
        JsonNode run = http.postJson(paths.agentRunFor(organizationId), Map.of("prompt", prompt),
                Map.of("Idempotency-Key", idempotencyKey)).body();
        return new AgentRun(run.path("id").asLong(), run.path("status").asText(), run.path("web_url").asText());
    }

    /** A started agent run. */
    public record AgentRun(long id, String status, String webUrl) { }
}
