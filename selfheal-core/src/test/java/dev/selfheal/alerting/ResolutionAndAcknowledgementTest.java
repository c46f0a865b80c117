package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.alerting.routing.Route;
import dev.selfheal.alerting.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ResolutionAndAcknowledgementTest {

    private final PipelineFixture f = new PipelineFixture();

    private RouteTree twoReceivers() {
        return new RouteTree(Route.to("root", "team").withChildren(List.of(
                Route.to("pager", "pagerduty", Matcher.parse("severity=~critical|emergency")).continuing(),
                Route.to("chat", "slack"))));
    }

    @Test
    void a_resolution_sends_one_resolved_notice_to_everyone_who_was_told() {
        // Given a critical alert routed to PagerDuty and (continue) Slack
        f.build(twoReceivers());
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("pagerduty").sent()).hasSize(1);
        assertThat(f.channel("slack").sent()).hasSize(1);
        // When it resolves, and the resolution is reported twice
        f.resolve("db", "database_issues");
        f.resolve("db", "database_issues");
        f.advance(Duration.ofMinutes(10));
        // Then each receiver gets exactly one resolved notice, and the team receiver (never told) none
        assertThat(f.channel("pagerduty").sent(Notification.Kind.RESOLVED)).hasSize(1);
        assertThat(f.channel("slack").sent(Notification.Kind.RESOLVED)).hasSize(1);
        assertThat(f.channel("team").sent()).isEmpty();
    }

    @Test
    void a_warning_resolved_before_its_group_is_sent_is_resolved_quietly() {
        // (a critical one is still told, marked resolved: HealingAwarenessTest)
        f.buildDefault();
        f.fire("worker-1", "integration_failure", AlertSeverity.WARNING);
        f.advance(Duration.ofSeconds(10));
        Decision d = f.resolve("worker-1", "integration_failure");
        f.advance(Duration.ofMinutes(10));
        assertThat(d.outcome()).isEqualTo(Decision.Outcome.RESOLVED_QUIETLY);
        assertThat(f.channel("team").sent()).isEmpty();
    }

    @Test
    void an_acknowledgement_tells_the_receivers_and_stops_repeats() {
        // Given a sent alert
        f.buildDefault();
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        String id = f.only("db").id();
        // When someone acknowledges it and it keeps firing for a day
        Alert acked = f.alerts.acknowledge(id, "alice");
        for (int i = 0; i < 24; i++) {
            f.fire("db", "database_issues", AlertSeverity.CRITICAL);
            f.advance(Duration.ofHours(1));
        }
        // Then receivers heard of the acknowledgement once and no repeat
        assertThat(acked.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).contains("alice");
        assertThat(f.channel("team").sent(Notification.Kind.ACKNOWLEDGED)).hasSize(1);
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }

    @Test
    void resolving_by_hand_sends_the_notice_and_an_unknown_or_resolved_id_is_refused_by_name() {
        f.buildDefault();
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        String id = f.only("db").id();
        Alert resolved = f.alerts.resolve(id, "bob");
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(f.channel("team").sent(Notification.Kind.RESOLVED)).singleElement()
                .satisfies(n -> assertThat(n.note()).isEqualTo("resolved by bob"));
        assertThatThrownBy(() -> f.alerts.resolve(id, "bob")).hasMessageContaining(id).hasMessageContaining("already resolved");
        assertThatThrownBy(() -> f.alerts.acknowledge("al-nope", "bob")).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("al-nope");
    }

    @Test
    void resolving_an_incident_resolves_its_alerts() {
        f.buildDefault();
        f.fire("db", "database_issues", AlertSeverity.CRITICAL, "inc-1");
        f.advance(Duration.ofSeconds(30));
        assertThat(f.alerts.resolveIncident("inc-1", "healed")).isEqualTo(1);
        assertThat(f.alerts.open()).isEmpty();
        assertThat(f.channel("team").sent(Notification.Kind.RESOLVED)).hasSize(1);
    }
}
