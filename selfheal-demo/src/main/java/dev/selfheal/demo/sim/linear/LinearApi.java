package dev.selfheal.demo.sim.linear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.selfheal.demo.sim.BadRequest;
import dev.selfheal.demo.sim.SimJson;
import dev.selfheal.demo.sim.SimulatorApi;
import dev.selfheal.demo.sim.SimulatorContext;
import dev.selfheal.demo.sim.idempotency.StoredAnswer;
import dev.selfheal.demo.sim.quota.FixedWindowQuota;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Linear's GraphQL API at {@code POST /graphql}: the query {@code viewer { ... }} and the
 * mutation {@code issueCreate(input: {...}) { success issue { id identifier url } }}, with
 * the input inline or in variables.
 *
 * <p>Credentials: {@code Authorization: <api key>} or {@code Bearer <token>}. Every answer
 * carries Linear's rate-limit headers ({@code X-RateLimit-Requests-Limit/Remaining/Reset},
 * reset in epoch milliseconds, and {@code X-Complexity}, {@code
 * X-RateLimit-Complexity-Limit/Remaining/Reset}). Errors are GraphQL {@code errors} with
 * {@code extensions.code}: {@code AUTHENTICATION_ERROR} (401), {@code RATELIMITED} (400),
 * {@code GRAPHQL_PARSE_FAILED} / {@code GRAPHQL_VALIDATION_FAILED} / {@code INVALID_INPUT}
 * (400). A repeated {@code Idempotency-Key} header, or a repeated {@code input.id}, creates
 * the issue once and answers the original payload.
 */
public final class LinearApi implements SimulatorApi {

    static final long DEFAULT_REQUEST_QUOTA = 5000;
    static final long COMPLEXITY_QUOTA = 250_000;
    static final String ISSUE_CREATE = "issueCreate";
    private static final String COST = "linear.complexity";

    private final SimulatorContext context;
    private final FixedWindowQuota requests;
    private final FixedWindowQuota complexity;
    private final LinearIssues issues;

    public LinearApi(SimulatorContext context) {
        this.context = context;
        this.requests = new FixedWindowQuota(context.options().quotaOr(DEFAULT_REQUEST_QUOTA), Duration.ofHours(1), context.clock());
        this.complexity = new FixedWindowQuota(COMPLEXITY_QUOTA, Duration.ofHours(1), context.clock());
        this.issues = new LinearIssues(context.clock(), context.options().seed(), context.ledger().appliedAnswers(ISSUE_CREATE).size());
    }

    @Override
    public void register(Javalin app) {
        app.post("/graphql", this::graphql);
    }

    @Override
    public boolean isAuthorized(Context ctx) {
        String header = ctx.header("Authorization");
        String token = context.options().token();
        return header != null && (header.equals(token) || header.equals("Bearer " + token));
    }

    @Override
    public void answerUnauthorized(Context ctx) {
        headers(ctx, requests.peek(), complexity.peek(), 0);
        ObjectNode extensions = SimJson.object()
                .put("type", "authentication error")
                .put("code", "AUTHENTICATION_ERROR")
                .put("statusCode", 401)
                .put("userError", true)
                .put("userPresentableMessage", "You need to authenticate to access this operation.");
        ctx.status(401).json(errors("Authentication required, not authenticated", extensions));
    }

    @Override
    public void answerServerError(Context ctx, int status) {
        headers(ctx, requests.peek(), complexity.peek(), 0);
        ctx.status(status).json(errors(status == 500 ? "Internal server error" : "Service unavailable",
                SimJson.object().put("code", "INTERNAL_SERVER_ERROR").put("statusCode", status)));
    }

    @Override
    public void answerRateLimited(Context ctx, Instant until) {
        FixedWindowQuota.Snapshot spent = new FixedWindowQuota.Snapshot(requests.peek().limit(), 0, requests.peek().limit(), until);
        headers(ctx, spent, complexity.peek(), 0);
        ObjectNode extensions = SimJson.object()
                .put("type", "ratelimited")
                .put("code", "RATELIMITED")
                .put("statusCode", 429)
                .put("userError", true)
                .put("userPresentableMessage", "Rate limit exceeded; try again after " + until + ".");
        ctx.status(400).json(errors("Rate limit exceeded", extensions));
    }

    @Override
    public void answerBadRequest(Context ctx, BadRequest problem) {
        headers(ctx, requests.peek(), complexity.peek(), 0);
        ctx.status(400).json(errors(problem.getMessage(), SimJson.object().put("code", "BAD_REQUEST")));
    }

    @Override
    public void answerNotFound(Context ctx) {
        headers(ctx, requests.peek(), complexity.peek(), 0);
        ctx.status(404).json(errors("Not found: " + ctx.method() + " " + ctx.path() + "; the API is POST /graphql",
                SimJson.object().put("code", "NOT_FOUND")));
    }

    @Override
    public boolean admit(Context ctx) {
        FixedWindowQuota.Admission admission = requests.consume();
        if (!admission.allowed()) {
            answerRateLimited(ctx, admission.snapshot().resetAt());
            return false;
        }
        ctx.attribute("linear.requests", admission.snapshot());
        headers(ctx, admission.snapshot(), complexity.peek(), 0);
        return true;
    }

    private void graphql(Context ctx) {
        ObjectNode body = SimJson.parseObject(ctx.body(), "POST /graphql");
        JsonNode query = body.get("query");
        if (query == null || !query.isTextual() || query.asText().isBlank()) {
            throw new BadRequest("POST /graphql: field \"query\" is required and must be a non-empty string");
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new BadRequest("POST /graphql: field \"variables\" must be an object, got " + variables.getNodeType().toString().toLowerCase());
        }
        FixedWindowQuota.Snapshot requestQuota = Optional.<FixedWindowQuota.Snapshot>ofNullable(ctx.attribute("linear.requests")).orElse(requests.peek());
        try {
            Graphql.Operation operation = Graphql.parse(query.asText(), variables == null || variables.isNull() ? null : variables);
            long cost = Projection.complexity(operation.selections());
            FixedWindowQuota.Admission admitted = complexity.consume(cost);
            if (!admitted.allowed()) {
                answerRateLimited(ctx, admitted.snapshot().resetAt());
                return;
            }
            headers(ctx, requestQuota, admitted.snapshot(), cost);
            if (operation.type().equals("mutation")) {
                mutation(ctx, operation);
            } else {
                ObjectNode data = SimJson.object();
                for (Graphql.Field field : operation.selections()) {
                    data.set(field.responseKey(), queryField(field));
                }
                ctx.json(SimJson.object().set("data", data));
            }
        } catch (GraphqlError e) {
            ctx.status(400).json(error(e));
        }
    }

    private JsonNode queryField(Graphql.Field field) {
        return switch (field.name()) {
            case "viewer" -> Projection.project(issues.viewer(), field.selections().isEmpty() ? noSubfields(field) : field.selections());
            case "__typename" -> SimJson.MAPPER.getNodeFactory().textNode("Query");
            default -> throw new GraphqlError("Cannot query field \"" + field.name() + "\" on type \"Query\".",
                    field.line(), field.column(), "GRAPHQL_VALIDATION_FAILED");
        };
    }

    private void mutation(Context ctx, Graphql.Operation operation) {
        if (operation.selections().size() != 1 || !operation.selections().get(0).name().equals(ISSUE_CREATE)) {
            Graphql.Field first = operation.selections().stream().filter(f -> !f.name().equals(ISSUE_CREATE)).findFirst()
                    .orElse(operation.selections().get(0));
            throw new GraphqlError(first.name().equals(ISSUE_CREATE)
                    ? "The simulator runs one issueCreate per request."
                    : "Cannot query field \"" + first.name() + "\" on type \"Mutation\".", first.line(), first.column(), "GRAPHQL_VALIDATION_FAILED");
        }
        Graphql.Field field = operation.selections().get(0);
        if (field.selections().isEmpty()) {
            noSubfields(field);
        }
        Projection.project(issues.samplePayload(), field.selections()); // refuse a bad selection before creating anything
        JsonNode input = field.arguments().get("input");
        if (input == null || input.isNull()) {
            throw new GraphqlError("Field \"issueCreate\" argument \"input\" of type \"IssueCreateInput!\" is required, but it was not provided.",
                    field.line(), field.column(), "GRAPHQL_VALIDATION_FAILED");
        }
        if (!(input instanceof ObjectNode inputObject)) {
            throw new GraphqlError("Argument \"input\" of \"issueCreate\" must be an IssueCreateInput object.", field.line(), field.column(),
                    "GRAPHQL_VALIDATION_FAILED");
        }
        if (!inputObject.hasNonNull("teamId") || inputObject.get("teamId").asText().isBlank()) {
            ObjectNode extensions = SimJson.object()
                    .put("type", "invalid input")
                    .put("code", "INVALID_INPUT")
                    .put("statusCode", 400)
                    .put("userError", true)
                    .put("userPresentableMessage", "input.teamId is required: the team the issue belongs to.");
            ctx.status(400).json(errors("Argument Validation Error", extensions));
            return;
        }
        Optional<String> key = SimulatorContext.headerKey(ctx)
                .or(() -> Optional.ofNullable(inputObject.get("id")).filter(JsonNode::isTextual).map(JsonNode::asText));
        context.applyOnce(ctx, key, ISSUE_CREATE, () -> {
            ObjectNode data = SimJson.object();
            data.set(field.responseKey(), Projection.project(issues.create(inputObject), field.selections()));
            return new StoredAnswer(200, SimJson.write(SimJson.object().set("data", data)));
        });
    }

    private static java.util.List<Graphql.Field> noSubfields(Graphql.Field field) {
        throw new GraphqlError("Field \"" + field.name() + "\" must have a selection of subfields.", field.line(), field.column(),
                "GRAPHQL_VALIDATION_FAILED");
    }

    private static ObjectNode error(GraphqlError e) {
        ObjectNode answer = SimJson.object();
        ObjectNode error = answer.putArray("errors").addObject().put("message", e.getMessage());
        if (e.hasLocation()) {
            error.putArray("locations").addObject().put("line", e.line()).put("column", e.column());
        }
        error.putObject("extensions").put("code", e.code()).put("type", "graphql error").put("userError", true);
        return answer;
    }

    private static ObjectNode errors(String message, ObjectNode extensions) {
        ObjectNode answer = SimJson.object();
        ArrayNode list = answer.putArray("errors");
        ObjectNode error = list.addObject().put("message", message);
        error.set("extensions", extensions);
        return answer;
    }

    private static void headers(Context ctx, FixedWindowQuota.Snapshot requests, FixedWindowQuota.Snapshot complexity, long cost) {
        ctx.header("X-RateLimit-Requests-Limit", String.valueOf(requests.limit()));
        ctx.header("X-RateLimit-Requests-Remaining", String.valueOf(requests.remaining()));
        ctx.header("X-RateLimit-Requests-Reset", String.valueOf(requests.resetAt().toEpochMilli()));
        ctx.header("X-Complexity", String.valueOf(cost));
        ctx.header("X-RateLimit-Complexity-Limit", String.valueOf(complexity.limit()));
        ctx.header("X-RateLimit-Complexity-Remaining", String.valueOf(complexity.remaining()));
        ctx.header("X-RateLimit-Complexity-Reset", String.valueOf(complexity.resetAt().toEpochMilli()));
    }
}
