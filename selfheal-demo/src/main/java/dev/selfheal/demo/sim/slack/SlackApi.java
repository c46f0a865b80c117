package dev.selfheal.demo.sim.slack;

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
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Slack's Web API, the part the demo uses: {@code POST /api/auth.test} and {@code POST
 * /api/chat.postMessage}, form-encoded or JSON.
 *
 * <p>As Slack does, it answers HTTP 200 with {@code {"ok": false, "error": "..."}} for
 * almost every error ({@code not_authed}, {@code invalid_auth}, {@code channel_not_found},
 * {@code no_text}, {@code invalid_json}), and HTTP 429 with {@code Retry-After} when rate
 * limited. Slack has no idempotency header; this simulator takes the {@code
 * Idempotency-Key} header or, failing that, a {@code client_msg_id} argument.
 */
public final class SlackApi implements SimulatorApi {

    static final String POST_MESSAGE = "chat.postMessage";
    static final String TEAM_ID = "T0SIMTEAM";
    static final String USER_ID = "U0SIMBOT1";
    static final String BOT_ID = "B0SIMBOT1";
    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    /** The one channel name that does not exist, so clients can test {@code channel_not_found}. */
    static final String MISSING_CHANNEL = "does-not-exist";

    private final SimulatorContext context;
    private final MessageClock messageClock;

    public SlackApi(SimulatorContext context) {
        this.context = context;
        this.messageClock = new MessageClock(context.clock());
    }

    @Override
    public void register(Javalin app) {
        app.post("/api/auth.test", this::authTest);
        app.post("/api/chat.postMessage", this::postMessage);
    }

    @Override
    public boolean isAuthorized(Context ctx) {
        if (SlackRequest.arguments(ctx).isEmpty()) {
            return true; // the handler answers invalid_json; Slack reports the body before the token
        }
        return SlackRequest.token(ctx).map(context.options().token()::equals).orElse(false);
    }

    @Override
    public void answerUnauthorized(Context ctx) {
        common(ctx);
        String error = SlackRequest.token(ctx).isEmpty() ? "not_authed" : "invalid_auth";
        ctx.status(200).json(SimJson.object().put("ok", false).put("error", error));
    }

    @Override
    public void answerServerError(Context ctx, int status) {
        common(ctx);
        ctx.status(status).json(SimJson.object().put("ok", false).put("error", status == 500 ? "internal_error" : "service_unavailable"));
    }

    @Override
    public void answerRateLimited(Context ctx, Instant until) {
        common(ctx);
        long seconds = Math.max(1, (long) Math.ceil(Duration.between(context.clock().instant(), until).toMillis() / 1000.0));
        ctx.header("Retry-After", String.valueOf(seconds));
        ctx.status(429).json(SimJson.object().put("ok", false).put("error", "ratelimited"));
    }

    @Override
    public void answerBadRequest(Context ctx, BadRequest problem) {
        common(ctx);
        ctx.status(200).json(SimJson.object().put("ok", false).put("error", "invalid_arguments").put("detail", problem.getMessage()));
    }

    @Override
    public void answerNotFound(Context ctx) {
        common(ctx);
        ctx.status(404).json(SimJson.object().put("ok", false).put("error", "unknown_method")
                .put("detail", "no Slack method at " + ctx.method() + " " + ctx.path()));
    }

    private void authTest(Context ctx) {
        if (invalidJson(ctx)) {
            return;
        }
        common(ctx);
        ctx.json(SimJson.object()
                .put("ok", true)
                .put("url", "https://selfheal-sim.slack.com/")
                .put("team", "Selfheal Simulated Workspace")
                .put("user", "selfheal-bot")
                .put("team_id", TEAM_ID)
                .put("user_id", USER_ID)
                .put("bot_id", BOT_ID)
                .put("is_enterprise_install", false));
    }

    private void postMessage(Context ctx) {
        if (invalidJson(ctx)) {
            return;
        }
        common(ctx);
        ObjectNode args = SlackRequest.arguments(ctx).orElseThrow();
        String channel = SlackRequest.text(args, "channel");
        if (channel.isEmpty() || channel.replaceFirst("^#", "").equals(MISSING_CHANNEL)) {
            ctx.json(SimJson.object().put("ok", false).put("error", "channel_not_found"));
            return;
        }
        String text = SlackRequest.text(args, "text");
        if (text.isEmpty() && SlackRequest.text(args, "blocks").isEmpty() && SlackRequest.text(args, "attachments").isEmpty()) {
            ctx.json(SimJson.object().put("ok", false).put("error", "no_text"));
            return;
        }
        Optional<String> clientMsgId = Optional.of(SlackRequest.text(args, "client_msg_id")).filter(id -> !id.isEmpty());
        Optional<String> key = SimulatorContext.headerKey(ctx).or(() -> clientMsgId);
        String channelId = channelId(channel);
        context.applyOnce(ctx, key, POST_MESSAGE, () -> {
            String ts = messageClock.next();
            ObjectNode message = SimJson.object()
                    .put("type", "message")
                    .put("subtype", "bot_message")
                    .put("text", text)
                    .put("user", USER_ID)
                    .put("bot_id", BOT_ID)
                    .put("team", TEAM_ID)
                    .put("ts", ts);
            clientMsgId.ifPresent(id -> message.put("client_msg_id", id));
            if (!SlackRequest.text(args, "thread_ts").isEmpty()) {
                message.put("thread_ts", SlackRequest.text(args, "thread_ts"));
            }
            ObjectNode answer = SimJson.object().put("ok", true).put("channel", channelId).put("ts", ts);
            answer.set("message", message);
            return new StoredAnswer(200, SimJson.write(answer));
        });
    }

    private boolean invalidJson(Context ctx) {
        if (SlackRequest.arguments(ctx).isPresent()) {
            return false;
        }
        common(ctx);
        ctx.json(SimJson.object().put("ok", false).put("error", "invalid_json")
                .put("detail", ctx.method() + " " + ctx.path() + ": the body is not a JSON object"));
        return true;
    }

    /** A channel name maps to a stable ID; an ID is kept as it is. */
    private static String channelId(String channel) {
        if (CHANNEL_ID.matcher(channel).matches()) {
            return channel;
        }
        String name = channel.replaceFirst("^#", "");
        return "C" + UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    private static void common(Context ctx) {
        ctx.header("X-Slack-Req-Id", UUID.randomUUID().toString().replace("-", ""));
        ctx.header("X-OAuth-Scopes", "chat:write,chat:write.public");
        ctx.header("X-Accepted-OAuth-Scopes", ctx.path().endsWith("chat.postMessage") ? "chat:write" : "");
    }
}
