package dev.selfheal.demo.orchestrator;

import dev.selfheal.resilience.SendOutcome;
import dev.selfheal.resilience.GuardException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Contexten does with a pull-request event: create a Linear issue, post to Slack, start a
 * Codegen agent run and comment on the pull request with what was done. Every step goes through
 * its integration's guard with the idempotency key {@code <event id>:<integration>}; a step that
 * cannot be done now is parked in the durable outbox and replayed once the integration takes
 * calls again. The ledger records each step's fate.
 *
 * <p>The Slack message is a notification: while {@code notificationsEnabled} says false (the
 * daemon's degradation at {@code essential_only} or above), it is not sent but parked with the
 * reason "notifications are off", and delivered by the Slack outbox's replay once they are on.
 */
public final class ContextenPipeline {

    private static final Logger log = LoggerFactory.getLogger(ContextenPipeline.class);

    private final Integrations integrations;
    private final EventLedger ledger;
    private final String linearTeamId;
    private final String slackChannel;
    private final BooleanSupplier notificationsEnabled;
    private final IntSupplier degradationLevel;
    private final AtomicLong duplicatesIgnored = new AtomicLong();

    /** A pipeline whose notifications are always on. */
    public ContextenPipeline(Integrations integrations, EventLedger ledger, String linearTeamId, String slackChannel) {
        this(integrations, ledger, linearTeamId, slackChannel, () -> true, () -> 0);
    }

    /**
     * @param notificationsEnabled whether the Slack step may be sent now (read once per step)
     * @param degradationLevel the degradation level, for the reason a deferred step is parked with
     */
    public ContextenPipeline(Integrations integrations, EventLedger ledger, String linearTeamId, String slackChannel,
                             BooleanSupplier notificationsEnabled, IntSupplier degradationLevel) {
        this.integrations = integrations;
        this.ledger = ledger;
        this.linearTeamId = linearTeamId;
        this.slackChannel = slackChannel;
        this.notificationsEnabled = notificationsEnabled;
        this.degradationLevel = degradationLevel;
    }

    /** Whether notifications (the Slack step) may be sent now. */
    public boolean notificationsEnabled() {
        return notificationsEnabled.getAsBoolean();
    }

    /** Handles one event; a repeated delivery of an event already taken does nothing. */
    public void handle(PullRequestEvent event, String source) {
        if (take(event, source)) {
            process(event);
        }
    }

    /** Writes the event to the ledger (durably, all steps PENDING); false for a repeated delivery. */
    public boolean take(PullRequestEvent event, String source) {
        if (!ledger.record(event, source)) {
            duplicatesIgnored.incrementAndGet();
            log.info("event=duplicate_delivery_ignored id={}", event.id());
            return false;
        }
        return true;
    }

    /** Runs every step of an event already taken. */
    public void process(PullRequestEvent event) {
        for (Step step : Step.values()) {
            run(event, step);
        }
    }

    public long duplicatesIgnored() {
        return duplicatesIgnored.get();
    }

    private void run(PullRequestEvent event, Step step) {
        String key = step.key(event.id());
        try {
            SendOutcome delivery = switch (step) {
                case LINEAR_ISSUE -> integrations.linear().createIssueOrPark(linearTeamId,
                        "Review PR #%d: %s".formatted(event.number(), event.title()),
                        "Opened by %s in %s (event %s)".formatted(event.author(), event.repository(), event.id()), key);
                case SLACK_MESSAGE -> {
                    String text = ":eyes: PR #%d in %s by %s: %s".formatted(event.number(), event.repository(), event.author(), event.title());
                    yield notificationsEnabled.getAsBoolean()
                            ? integrations.slack().postMessageOrPark(slackChannel, text, key)
                            : integrations.slack().parkMessage(slackChannel, text, key,
                                    "notifications are off (degradation level %d)".formatted(degradationLevel.getAsInt()));
                }
                case CODEGEN_RUN -> integrations.codegen().startAgentRunOrPark(
                        "Review pull request %s#%d (%s) and suggest fixes".formatted(event.repository(), event.number(), event.title()), key);
                case GITHUB_COMMENT -> integrations.github().commentOrPark(event.owner(), event.repo(), event.number(),
                        "Contexten picked this up: a Linear issue, a Slack note and a Codegen review run (event %s).".formatted(event.id()), key);
            };
            switch (delivery) {
                case SendOutcome.Delivered d -> ledger.done(key);
                case SendOutcome.Parked p -> ledger.parked(key, p.reason());
            }
        } catch (GuardException e) {
            // refused for good (a 4xx) or neither made nor parked (outbox full): a person must look
            ledger.failed(key, e.getMessage());
            log.warn("event=step_failed id={} step={} error=\"{}\"", event.id(), step, e.getMessage());
        } catch (RuntimeException e) {
            ledger.failed(key, e.toString());
            log.warn("event=step_failed id={} step={} error=\"{}\"", event.id(), step, e.toString());
        }
    }
}
