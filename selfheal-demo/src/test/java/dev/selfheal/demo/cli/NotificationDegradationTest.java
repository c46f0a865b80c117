package dev.selfheal.demo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.demo.orchestrator.Account;
import dev.selfheal.demo.orchestrator.EventLedger;
import dev.selfheal.demo.orchestrator.SimulatorAdmin;
import dev.selfheal.demo.orchestrator.Step;
import dev.selfheal.demo.orchestrator.StepState;
import dev.selfheal.demo.sim.Api;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The demo for real (daemon, four simulator processes, the orchestrator at 10 events/s): the
 * daemon's degradation is pinned at essential_only, which switches notifications off; the Slack
 * steps of the events taken meanwhile are parked, not posted; once notifications are on again
 * the Slack outbox replays them, each applied exactly once.
 */
class NotificationDegradationTest {

    @TempDir
    Path data;

    @Test
    void slackStepsWaitInTheOutboxWhileNotificationsAreOffAndAreDeliveredOnceWhenTheyAreOn() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        StringWriter printed = new StringWriter();
        PrintWriter out = new PrintWriter(printed, true);
        DemoOptions options = new DemoOptions(0, 0, data, Optional.of(Duration.ofSeconds(12)), 10, false, 11, Duration.ofSeconds(60));

        try (DemoRun run = new DemoRun(options, Map.of(), out)) {
            run.start();
            DegradationManager degradation = run.daemon().healing().degradation();
            SimulatorAdmin slack = run.simulators().get(Api.SLACK);

            degradation.pin(DegradationLevel.ESSENTIAL_ONLY, "test: notifications off");
            assertThat(run.pipeline().notificationsEnabled()).isFalse();
            Thread.sleep(1_000); // steps already past the check finish
            int postedBefore = slack.applications().appliedByKey().size();
            await("Slack steps are parked while notifications are off").atMost(Duration.ofSeconds(30))
                    .until(() -> slackSteps(run.ledger(), StepState.PARKED).size() >= 20);
            Set<String> deferred = slackSteps(run.ledger(), StepState.PARKED);
            assertThat(slack.applications().appliedByKey().size())
                    .as("no chat.postMessage reaches Slack while notifications are off").isEqualTo(postedBefore);
            assertThat(slack.applications().appliedByKey()).doesNotContainKeys(deferred.toArray(String[]::new));

            degradation.pin(DegradationLevel.FULL_SERVICE, "test: notifications on");
            await("the Slack outbox replays once notifications are on").atMost(Duration.ofSeconds(60))
                    .until(() -> slack.applications().appliedByKey().keySet().containsAll(deferred));
            degradation.unpin("test done");

            run.awaitEnd(Duration.ofSeconds(3));
            Account account = run.finish();
            assertThat(account.lost()).as(printed.toString()).isZero();
            assertThat(account.duplicated()).isZero();
            assertThat(account.parked()).isZero();

            SimulatorAdmin.Applications apps = slack.applications();
            assertThat(apps.appliedMoreThanOnce()).isZero();
            for (String key : deferred) {
                assertThat(apps.appliedByKey().get(key)).as(key).isEqualTo(1);
            }
            assertThat(slackSteps(run.ledger(), StepState.REPLAYED)).containsAll(deferred);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.contains("degradation_level_changed from=0 to=2"));
        assertThat(printed.toString()).contains("notifications off").contains("notifications on again");
    }

    private static Set<String> slackSteps(EventLedger ledger, StepState state) {
        List<EventLedger.EventSteps> all = ledger.all();
        return all.stream().filter(e -> e.states.get(Step.SLACK_MESSAGE) == state)
                .map(e -> Step.SLACK_MESSAGE.key(e.eventId)).collect(Collectors.toSet());
    }
}
