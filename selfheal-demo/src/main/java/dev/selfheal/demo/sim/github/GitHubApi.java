package dev.selfheal.demo.sim.github;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GitHub's REST API, the part the demo uses: {@code GET /rate_limit}, {@code GET
 * /repos/{owner}/{repo}/pulls/{n}}, {@code POST /repos/{owner}/{repo}/issues/{n}/comments}.
 *
 * <p>Credentials: {@code Authorization: Bearer <token>} or {@code token <token>}. Every
 * answer carries {@code X-RateLimit-Limit/Remaining/Reset/Used/Resource}; the core quota
 * is 5,000 requests an hour ({@code --quota} changes it) and {@code /rate_limit} does not
 * count against it, as on GitHub. A spent quota is answered 403 with remaining 0, GitHub's
 * primary-rate-limit answer.
 */
public final class GitHubApi implements SimulatorApi {

    static final long DEFAULT_QUOTA = 5000;
    static final long UNAUTHENTICATED_LIMIT = 60;
    static final String COMMENT = "issue_comment.create";
    private static final long FIRST_COMMENT_ID = 2_000_000_000L;

    private final SimulatorContext context;
    private final FixedWindowQuota quota;
    private final PullRequests pulls;
    private final AtomicLong commentIds;

    public GitHubApi(SimulatorContext context) {
        this.context = context;
        this.quota = new FixedWindowQuota(context.options().quotaOr(DEFAULT_QUOTA), Duration.ofHours(1), context.clock());
        this.pulls = new PullRequests(context.options().seed());
        this.commentIds = new AtomicLong(FIRST_COMMENT_ID + context.ledger().appliedAnswers(COMMENT).size());
    }

    @Override
    public void register(Javalin app) {
        app.get("/rate_limit", this::rateLimit);
        app.get("/repos/{owner}/{repo}/pulls/{number}", this::pull);
        app.post("/repos/{owner}/{repo}/issues/{number}/comments", this::comment);
    }

    @Override
    public boolean isAuthorized(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return false;
        }
        String token = context.options().token();
        return header.equals("Bearer " + token) || header.equals("token " + token);
    }

    @Override
    public void answerUnauthorized(Context ctx) {
        common(ctx);
        headers(ctx, new FixedWindowQuota.Snapshot(UNAUTHENTICATED_LIMIT, UNAUTHENTICATED_LIMIT, 0,
                context.clock().instant().plus(Duration.ofHours(1))));
        String message = ctx.header("Authorization") == null ? "Requires authentication" : "Bad credentials";
        ctx.status(401).json(GitHubJson.error(message, GitHubJson.DOCS, 401));
    }

    @Override
    public void answerServerError(Context ctx, int status) {
        common(ctx);
        headers(ctx, quota.peek());
        ctx.status(status).json(SimJson.object().put("message", status == 503 ? "Service Unavailable" : "Server Error"));
    }

    @Override
    public void answerRateLimited(Context ctx, Instant until) {
        common(ctx);
        long limit = quota.peek().limit();
        headers(ctx, new FixedWindowQuota.Snapshot(limit, 0, limit, until));
        ctx.status(403).json(GitHubJson.error("API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help,"
                + " please include the request ID " + requestId(ctx) + ".",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", 403));
    }

    @Override
    public void answerBadRequest(Context ctx, BadRequest problem) {
        common(ctx);
        headers(ctx, quota.peek());
        ctx.status(400).json(GitHubJson.error("Problems parsing JSON: " + problem.getMessage(), GitHubJson.DOCS, 400));
    }

    @Override
    public void answerNotFound(Context ctx) {
        common(ctx);
        headers(ctx, quota.peek());
        ctx.status(404).json(GitHubJson.error("Not Found", GitHubJson.DOCS, 404));
    }

    @Override
    public boolean admit(Context ctx) {
        common(ctx);
        if (ctx.path().equals("/rate_limit")) {
            headers(ctx, quota.peek());
            return true;
        }
        FixedWindowQuota.Admission admission = quota.consume();
        if (!admission.allowed()) {
            answerRateLimited(ctx, admission.snapshot().resetAt());
            return false;
        }
        headers(ctx, admission.snapshot());
        return true;
    }

    private void rateLimit(Context ctx) {
        FixedWindowQuota.Snapshot core = quota.peek();
        ObjectNode resources = SimJson.object();
        resources.set("core", rate(core));
        resources.set("search", rate(new FixedWindowQuota.Snapshot(30, 30, 0, context.clock().instant().plusSeconds(60))));
        resources.set("graphql", rate(new FixedWindowQuota.Snapshot(5000, 5000, 0, core.resetAt())));
        ObjectNode body = SimJson.object();
        body.set("resources", resources);
        body.set("rate", rate(core));
        ctx.json(body);
    }

    private void pull(Context ctx) {
        String base = "http://" + ctx.host();
        Optional<ObjectNode> pr = pulls.find(base, ctx.pathParam("owner"), ctx.pathParam("repo"), ctx.pathParam("number"));
        if (pr.isEmpty()) {
            ctx.status(404).json(GitHubJson.error("Not Found", "https://docs.github.com/rest/pulls/pulls#get-a-pull-request", 404));
            return;
        }
        ctx.json(pr.get());
    }

    private void comment(Context ctx) {
        String owner = ctx.pathParam("owner");
        String repo = ctx.pathParam("repo");
        int number = parseNumber(ctx.pathParam("number"));
        if (!PullRequests.exists(number)) {
            ctx.status(404).json(GitHubJson.error("Not Found", "https://docs.github.com/rest/issues/comments#create-an-issue-comment", 404));
            return;
        }
        ObjectNode request = SimJson.parseObject(ctx.body(), "POST " + ctx.path());
        JsonNode text = request.get("body");
        if (text == null || !text.isTextual()) {
            ctx.status(422).json(GitHubJson.error("Invalid request.\n\n\"body\" wasn't supplied.",
                    "https://docs.github.com/rest/issues/comments#create-an-issue-comment", 422));
            return;
        }
        String base = "http://" + ctx.host();
        context.applyOnce(ctx, SimulatorContext.headerKey(ctx), COMMENT, () -> {
            long id = commentIds.incrementAndGet();
            String now = context.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
            String repoUrl = base + "/repos/" + owner + "/" + repo;
            ObjectNode comment = SimJson.object()
                    .put("id", id)
                    .put("node_id", "IC_sim" + id)
                    .put("url", repoUrl + "/issues/comments/" + id)
                    .put("html_url", "https://github.com/" + owner + "/" + repo + "/issues/" + number + "#issuecomment-" + id)
                    .put("body", text.asText())
                    .put("created_at", now)
                    .put("updated_at", now)
                    .put("issue_url", repoUrl + "/issues/" + number)
                    .put("author_association", "CONTRIBUTOR");
            comment.set("user", GitHubJson.user("selfheal-bot", 4242));
            return new StoredAnswer(201, SimJson.write(comment));
        });
        if (ctx.statusCode() == 201) {
            JsonNode created = SimJson.parse(ctx.result(), "stored comment");
            ctx.header("Location", created.get("url").asText());
        }
    }

    private static int parseNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static ObjectNode rate(FixedWindowQuota.Snapshot snapshot) {
        return SimJson.object()
                .put("limit", snapshot.limit())
                .put("used", snapshot.used())
                .put("remaining", snapshot.remaining())
                .put("reset", snapshot.resetAt().getEpochSecond());
    }

    private static void headers(Context ctx, FixedWindowQuota.Snapshot snapshot) {
        ctx.header("X-RateLimit-Limit", String.valueOf(snapshot.limit()));
        ctx.header("X-RateLimit-Remaining", String.valueOf(snapshot.remaining()));
        ctx.header("X-RateLimit-Reset", String.valueOf(snapshot.resetAt().getEpochSecond()));
        ctx.header("X-RateLimit-Used", String.valueOf(snapshot.used()));
        ctx.header("X-RateLimit-Resource", "core");
    }

    private static void common(Context ctx) {
        ctx.header("X-GitHub-Api-Version", Optional.ofNullable(ctx.header("X-GitHub-Api-Version")).orElse("2022-11-28"));
        ctx.header("X-GitHub-Media-Type", "github.v3; format=json");
        ctx.header("X-GitHub-Request-Id", requestId(ctx));
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute("github.request_id");
        if (id == null) {
            id = UUID.randomUUID().toString().toUpperCase().replace("-", ":").substring(0, 23);
            ctx.attribute("github.request_id", id);
        }
        return id;
    }
}
