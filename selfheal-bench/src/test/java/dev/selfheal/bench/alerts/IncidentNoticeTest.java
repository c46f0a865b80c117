package dev.selfheal.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.AlertSignal;
import dev.selfheal.alerting.AlertingSettings;
import dev.selfheal.alerting.InMemoryAlertStore;
import dev.selfheal.alerting.IntelligentAlertManager;
import dev.selfheal.alerting.NotificationChannel;
import dev.selfheal.alerting.routing.Dispatcher;
import dev.selfheal.alerting.routing.Receiver;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.events.EventBus;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bench's "notified" on the real pipeline and a virtual clock: a breaker that opens every
 * few seconds while its service is down, as in the approval run (each opening its own incident,
 * healed in 2 s, critical once the service is read only).
 */
class IncidentNoticeTest {

    private final VirtualScheduler clock = new VirtualScheduler(Instant.parse("2026-03-02T10:00:00Z"));
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final List<String> sent = new ArrayList<>();
    private final AtomicInteger level = new AtomicInteger(3);
    private IntelligentAlertManager alerts;

    @BeforeEach
    void pipeline() {
        NotificationChannel channel = new NotificationChannel() {
            @Override
            public String type() {
                return "recording";
            }

            @Override
            public void send(dev.selfheal.alerting.Notification n) {
                sent.add(n.text());
            }
        };
        Dispatcher dispatcher = new Dispatcher(clock, Runnable::run, Map.of("team", Receiver.of("team", channel)), Dispatcher.Settings.DEFAULT);
        alerts = IntelligentAlertManager.builder(clock, new EventBus(), store, RouteTree.single("team"), dispatcher)
                .settings(AlertingSettings.DEFAULT.withFlap(3, Duration.ofMinutes(10))).degradationLevel(level::get).build().start();
    }

    private void breakerOpensAndHeals(String incidentId) {
        alerts.incidents().update(incidentId, "linear-guard", IncidentState.MITIGATING);
        alerts.process(AlertSignal.firing("linear-guard", "integration_failure", AlertSeverity.WARNING, "breaker opened", clock.now())
                .withIncident(incidentId));
        clock.advance(Duration.ofSeconds(2));
        alerts.incidents().update(incidentId, "linear-guard", IncidentState.RESOLVED);
        alerts.resolveIncident(incidentId, "healed");
        clock.advance(Duration.ofSeconds(3));
    }

    private IncidentNotice notices() {
        return new IncidentNotice(alerts.recent(10_000), alerts::decisions);
    }

    @Test
    void openings_held_as_flapping_count_as_told_once_the_flapping_notice_went_out_and_not_before() {
        // Given a breaker that opened and healed 5 times in 25 s (critical: the service is read only); the fourth firing flaps
        for (int i = 0; i < 5; i++) {
            breakerOpensAndHeals("inc-" + i);
        }
        // Then before the group wait (30 s) ends nobody has been told: not the first openings, not the one held as flapping
        IncidentNotice beforeFlush = notices();
        assertThat(beforeFlush.how("inc-0")).isEqualTo(IncidentNotice.How.NONE);
        assertThat(beforeFlush.how("inc-4")).isEqualTo(IncidentNotice.How.NONE);

        // When the group is flushed, and the breaker opens twice more
        clock.advance(Duration.ofSeconds(10));
        breakerOpensAndHeals("inc-5");
        breakerOpensAndHeals("inc-6");
        clock.advance(Duration.ofSeconds(60));
        IncidentNotice afterFlush = notices();
        // Then the first four went out with the group, marked resolved, the fourth marked flapping
        assertThat(sent).singleElement().satisfies(text -> assertThat(text).contains("[flapping]"));
        for (int i = 0; i < 4; i++) {
            assertThat(afterFlush.how("inc-" + i)).isEqualTo(IncidentNotice.How.SENT);
        }
        // And the openings held as flapping, before and after that notice, are covered by it
        for (int i = 4; i < 7; i++) {
            assertThat(afterFlush.how("inc-" + i)).isEqualTo(IncidentNotice.How.FLAPPING_NOTICE);
        }
    }

    @Test
    void a_flapping_fingerprint_whose_notice_never_went_out_tells_nobody() {
        // Given warnings healed within the grace (nobody told), flapping from the fourth opening on
        level.set(0);
        for (int i = 0; i < 6; i++) {
            breakerOpensAndHeals("inc-" + i);
        }
        clock.advance(Duration.ofMinutes(2));
        // Then nothing was sent, and no opening counts as told: no flapping notice covers them
        assertThat(sent).isEmpty();
        IncidentNotice n = notices();
        assertThat(java.util.stream.IntStream.range(0, 6).mapToObj(i -> n.how("inc-" + i))).containsOnly(IncidentNotice.How.NONE);
    }
}
