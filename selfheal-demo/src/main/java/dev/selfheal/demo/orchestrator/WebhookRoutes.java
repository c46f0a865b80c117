package dev.selfheal.demo.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.selfheal.integrations.webhooks.WebhookIntake;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's webhook ingress: {@code POST /webhooks/github}, {@code /webhooks/slack},
 * {@code /webhooks/linear}. Each request passes its {@link WebhookIntake} first (size → 413,
 * signature → 401, JSON → 400 with the reason); a refused request is not processed at all. A
 * GitHub {@code pull_request} event is written to the ledger before the answer (202) and its
 * steps run right after; Slack and Linear events are acknowledged and counted (the pipeline
 * starts from pull requests).
 */
public final class WebhookRoutes {

    private static final Logger log = LoggerFactory.getLogger(WebhookRoutes.class);

    private final ContextenPipeline pipeline;
    private final Map<String, WebhookIntake> intakes;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong pullRequestsTaken = new AtomicLong();

    public WebhookRoutes(ContextenPipeline pipeline, Map<String, WebhookIntake> intakesBySource) {
        this.pipeline = pipeline;
        this.intakes = Map.copyOf(intakesBySource);
    }

    public void register(Javalin app) {
        intakes.forEach((source, intake) -> app.post("/webhooks/" + source, ctx -> receive(ctx, source, intake)));
    }

    /** Pull-request events taken from webhooks (they count in the account like generated ones). */
    public long pullRequestsTaken() {
        return pullRequestsTaken.get();
    }

    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }

    private void receive(Context ctx, String source, WebhookIntake intake) {
        long declared = ctx.contentLength();
        if (declared > intake.maxBodyBytes()) {
            refuse(ctx, source, 413, "body is %d bytes; the limit is %d".formatted(declared, intake.maxBodyBytes()));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>(ctx.headerMap());
        WebhookIntake.Result result = intake.accept(ctx.bodyAsBytes(), headers);
        switch (result) {
            case WebhookIntake.Result.Refused r -> refuse(ctx, source, r.status(), r.reason());
            case WebhookIntake.Result.Accepted a -> {
                accepted.incrementAndGet();
                if (source.equals("github")) {
                    github(ctx, a.json());
                } else {
                    ctx.status(200).json(Map.of("ok", true));
                }
            }
        }
    }

    private void github(Context ctx, JsonNode json) {
        String kind = ctx.header("X-GitHub-Event");
        String delivery = ctx.header("X-GitHub-Delivery");
        if (!"pull_request".equals(kind)) {
            ctx.status(202).json(Map.of("ignored", "event " + kind + " does not start the pipeline"));
            return;
        }
        if (delivery == null || delivery.isBlank()) {
            refuse(ctx, "github", 400, "missing X-GitHub-Delivery: the delivery id keys every step");
            return;
        }
        JsonNode pr = json.path("pull_request");
        int number = json.path("number").asInt(pr.path("number").asInt(0));
        String repository = json.path("repository").path("full_name").asText("");
        if (number <= 0 || !repository.contains("/")) {
            refuse(ctx, "github", 400, "a pull_request event needs \"number\" and \"repository.full_name\" (owner/name)");
            return;
        }
        PullRequestEvent event = new PullRequestEvent("gh-" + delivery, repository, number, pr.path("title").asText(""),
                pr.path("user").path("login").asText(""), Instant.now());
        if (!pipeline.take(event, "webhook")) {
            ctx.status(200).json(Map.of("duplicate", event.id()));
            return;
        }
        pullRequestsTaken.incrementAndGet();
        Thread.ofVirtual().name("webhook-" + event.id()).start(() -> pipeline.process(event));
        ctx.status(202).json(Map.of("accepted", event.id()));
    }

    private void refuse(Context ctx, String source, int status, String reason) {
        refused.incrementAndGet();
        log.info("event=webhook_refused source={} status={} reason=\"{}\"", source, status, reason);
        ctx.status(status).json(Map.of("error", reason));
    }
}
