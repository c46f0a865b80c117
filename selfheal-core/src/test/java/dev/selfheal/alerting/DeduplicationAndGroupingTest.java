package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.AlertStatusChanged;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicationAndGroupingTest {

    private final PipelineFixture f = new PipelineFixture();

    @Test
    void a_repeat_of_an_open_alert_is_held_as_similar_alert_recently_processed() {
        // Given a pipeline with one receiver
        f.buildDefault();
        // When the same alert fires twice
        f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        Decision second = f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        // Then the second is a duplicate and the receiver hears once
        assertThat(second.outcome()).isEqualTo(Decision.Outcome.HELD);
        assertThat(second.reason()).contains(HoldReason.DUPLICATE);
        assertThat(second.detail()).isEqualTo("Similar alert recently processed");
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
        assertThat(f.alerts.decisions(f.only("worker-1").id())).extracting(Decision::outcome)
                .containsExactly(Decision.Outcome.HELD, Decision.Outcome.SENT);
    }

    @Test
    void alerts_of_one_group_arriving_within_the_group_wait_go_out_as_one_notification() {
        // Given grouping by problem type only
        f.build(new dev.selfheal.alerting.routing.RouteTree(dev.selfheal.alerting.routing.Route.to("root", "team")
                .groupedBy(List.of("problem_type"))));
        // When three workers go down within the group wait
        f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(10));
        f.fire("worker-2", "process_down", AlertSeverity.CRITICAL);
        f.fire("worker-3", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(19));
        assertThat(f.channel("team").sent()).isEmpty();
        f.advance(Duration.ofSeconds(1));
        // Then one notification names all three
        List<Notification> sent = f.channel("team").sent();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).alerts()).extracting(Alert::component).containsExactly("worker-1", "worker-2", "worker-3");
        assertThat(sent.get(0).title()).isEqualTo("[FIRING:3] critical process_down on worker-1, worker-2, worker-3");
    }

    @Test
    void a_new_alert_in_a_group_already_sent_waits_for_the_group_interval() {
        // Given a group that was sent
        f.build(new dev.selfheal.alerting.routing.RouteTree(dev.selfheal.alerting.routing.Route.to("root", "team")
                .groupedBy(List.of("problem_type"))));
        f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        // When another alert joins it a minute later
        f.advance(Duration.ofMinutes(1));
        f.fire("worker-2", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofMinutes(3).plusSeconds(59));
        assertThat(f.channel("team").sent()).hasSize(1);
        // Then it goes out at the group interval (5 min after the first flush), alone
        f.advance(Duration.ofSeconds(1));
        assertThat(f.channel("team").sent()).hasSize(2);
        assertThat(f.channel("team").sent().get(1).alerts()).extracting(Alert::component).containsExactly("worker-2");
    }

    @Test
    void a_firing_alert_is_sent_again_after_the_repeat_interval_and_not_before() {
        // Given a sent alert
        f.buildDefault();
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        // When it keeps firing for four hours
        for (int i = 0; i < 47; i++) {
            f.advance(Duration.ofMinutes(5));
            f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        }
        assertThat(f.channel("team").sent()).hasSize(1);
        f.advance(Duration.ofMinutes(10));
        // Then it is repeated once the repeat interval (4 h) has passed
        assertThat(f.channel("team").sent()).hasSize(2);
        assertThat(f.alerts.held(HoldReason.DUPLICATE)).isEqualTo(47);
    }

    @Test
    void a_worsening_alert_is_sent_again_at_the_next_group_interval() {
        // Given a warning that was sent
        f.buildDefault();
        f.fire("api", "performance_degradation", AlertSeverity.WARNING);
        f.advance(Duration.ofSeconds(30));
        // When it turns critical
        Decision d = f.fire("api", "performance_degradation", AlertSeverity.CRITICAL);
        f.advance(Duration.ofMinutes(5));
        // Then it is not a duplicate, and the receiver hears the new severity
        assertThat(d.reason()).isNotEqualTo(java.util.Optional.of(HoldReason.DUPLICATE));
        assertThat(f.channel("team").sent()).hasSize(2);
        assertThat(f.channel("team").sent().get(1).severity()).isEqualTo(AlertSeverity.CRITICAL);
    }

    @Test
    void status_changes_are_published_as_events() {
        f.buildDefault();
        f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        f.resolve("worker-1", "process_down");
        assertThat(f.events).filteredOn(AlertStatusChanged.class::isInstance).map(AlertStatusChanged.class::cast)
                .extracting(AlertStatusChanged::to).containsExactly("firing", "sent", "resolved");
    }
}
