package dev.selfheal.demo.sim.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.BadRequest;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.SimulatorApi;
import dev.selfheal.demo.sim.SimulatorContext;
import dev.selfheal.demo.sim.idempotency.StoredAnswer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Codegen developer API, the part the demo uses (paths as in docs.codegen.com's API
 * reference): {@code GET /v1/users/me} as the health call, {@code POST
 * /v1/organizations/{org_id}/agent/run} to start an agent run ({@code {"prompt": ...}}),
 * {@code GET /v1/organizations/{org_id}/agent/run/{agent_run_id}} for its status.
 *
 * <p>Errors are FastAPI-shaped ({@code {"detail": ...}}): 401 for a bad bearer token, 404
 * for an unknown run, 422 with a {@code loc} list for a bad body, 429 with {@code
 * Retry-After} when rate limited. Any organization id is accepted.
 */
public final class CodegenApi implements SimulatorApi {

    static final String START_RUN = "agent_run.create";

    private final SimulatorContext context;
    private final AgentRuns runs;

    public CodegenApi(SimulatorContext context) {
        this.context = context;
        this.runs = new AgentRuns(context.clock(), context.options().seed(), context.ledger().appliedAnswers(START_RUN));
    }

    @Override
    public void register(Javalin app) {
        app.get("/v1/users/me", this::me);
        app.post("/v1/organizations/{org_id}/agent/run", this::start);
        app.get("/v1/organizations/{org_id}/agent/run/{agent_run_id}", this::status);
    }

    @Override
    public boolean isAuthorized(Context ctx) {
        return ("Bearer " + context.options().token()).equals(ctx.header("Authorization"));
    }

    @Override
    public void answerUnauthorized(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer");
        ctx.status(401).json(SimJson.object().put("detail", ctx.header("Authorization") == null
                ? "Not authenticated" : "Invalid or expired API token"));
    }

    @Override
    public void answerServerError(Context ctx, int status) {
        ctx.status(status).json(SimJson.object().put("detail", status == 500 ? "Internal Server Error" : "Service Unavailable"));
    }

    @Override
    public void answerRateLimited(Context ctx, Instant until) {
        long seconds = Math.max(1, (long) Math.ceil(Duration.between(context.clock().instant(), until).toMillis() / 1000.0));
        ctx.header("Retry-After", String.valueOf(seconds));
        ctx.status(429).json(SimJson.object().put("detail", "Rate limit exceeded. Try again in " + seconds + " seconds."));
    }

    @Override
    public void answerBadRequest(Context ctx, BadRequest problem) {
        ctx.status(422).json(validation("body", problem.getMessage(), "json_invalid"));
    }

    @Override
    public void answerNotFound(Context ctx) {
        ctx.status(404).json(SimJson.object().put("detail", "Not Found"));
    }

    private void me(Context ctx) {
        ctx.json(SimJson.object()
                .put("id", 1)
                .put("email", "selfheal-sim@example.com")
                .put("github_user_id", "4242")
                .put("github_username", "selfheal-bot")
                .put("full_name", "Selfheal Simulator")
                .putNull("avatar_url"));
    }

    private void start(Context ctx) {
        Optional<Long> org = organization(ctx);
        if (org.isEmpty()) {
            return;
        }
        ObjectNode body = SimJson.parseObject(ctx.body(), "POST " + ctx.path());
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual() || prompt.asText().isBlank()) {
            ctx.status(422).json(validation("prompt", prompt == null ? "Field required" : "Input should be a non-empty string",
                    prompt == null ? "missing" : "string_type"));
            return;
        }
        String base = "http://" + ctx.host();
        context.applyOnce(ctx, SimulatorContext.headerKey(ctx), START_RUN,
                () -> new StoredAnswer(200, SimJson.write(runs.start(org.get(), base))));
    }

    private void status(Context ctx) {
        Optional<Long> org = organization(ctx);
        if (org.isEmpty()) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("agent_run_id"));
        } catch (NumberFormatException e) {
            ctx.status(422).json(validation("agent_run_id", "Input should be a valid integer", "int_parsing"));
            return;
        }
        Optional<ObjectNode> run = runs.find(org.get(), id, "http://" + ctx.host());
        if (run.isEmpty()) {
            ctx.status(404).json(SimJson.object().put("detail", "Agent run " + id + " not found"));
            return;
        }
        ctx.json(run.get());
    }

    private Optional<Long> organization(Context ctx) {
        try {
            return Optional.of(Long.parseLong(ctx.pathParam("org_id")));
        } catch (NumberFormatException e) {
            ctx.status(422).json(validation("org_id", "Input should be a valid integer", "int_parsing"));
            return Optional.empty();
        }
    }

    /** FastAPI's validation error: {@code {"detail": [{"type", "loc", "msg"}]}}. */
    private static ObjectNode validation(String field, String message, String type) {
        ObjectNode answer = SimJson.object();
        ArrayNode detail = answer.putArray("detail");
        ObjectNode error = detail.addObject().put("type", type);
        ArrayNode loc = error.putArray("loc");
        loc.add(field.equals("org_id") || field.equals("agent_run_id") ? "path" : "body");
        if (!field.equals("body")) {
            loc.add(field);
        }
        error.put("msg", message);
        return answer;
    }
}
