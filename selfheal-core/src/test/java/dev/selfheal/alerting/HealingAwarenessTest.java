package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.IncidentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealingAwarenessTest {

    private final PipelineFixture f = new PipelineFixture();

    @Test
    void an_alert_whose_incident_healing_resolves_within_the_grace_period_is_never_sent() {
        // Given an incident being mitigated
        f.buildDefault();
        f.incident("inc-1", "worker-1", IncidentState.MITIGATING);
        // When its warning alert fires and healing resolves the incident 40 s later
        Decision d = f.fire("worker-1", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.advance(Duration.ofSeconds(40));
        f.incident("inc-1", "worker-1", IncidentState.RESOLVED);
        f.alerts.resolveIncident("inc-1", "healed by restart_integration");
        f.advance(Duration.ofMinutes(5));
        // Then nobody was told, and the decisions say why
        assertThat(d.reason()).contains(HoldReason.HEALING);
        assertThat(f.channel("team").sent()).isEmpty();
        assertThat(f.store.recent(1).get(0).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(f.alerts.decisions(f.store.recent(1).get(0).id())).last()
                .satisfies(x -> assertThat(x.outcome()).isEqualTo(Decision.Outcome.RESOLVED_QUIETLY));
    }

    @Test
    void an_alert_still_unresolved_after_the_grace_period_is_sent() {
        f.buildDefault();
        f.incident("inc-1", "worker-1", IncidentState.MITIGATING);
        f.fire("worker-1", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.advance(Duration.ofSeconds(59));
        assertThat(f.channel("team").sent()).isEmpty();
        f.advance(Duration.ofSeconds(31)); // grace ends at 60 s, then the group wait of 30 s
        assertThat(f.channel("team").sent()).hasSize(1);
    }

    @Test
    void a_critical_alert_is_sent_at_once_even_while_healing_works() {
        f.buildDefault();
        f.incident("inc-1", "db", IncidentState.MITIGATING);
        f.fire("db", "database_issues", AlertSeverity.CRITICAL, "inc-1");
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent()).hasSize(1);
    }

    @Test
    void healing_that_starts_after_the_alert_arrived_still_holds_it_at_the_group_flush() {
        f.buildDefault();
        f.incident("inc-1", "worker-1", IncidentState.OPEN);
        f.fire("worker-1", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.incident("inc-1", "worker-1", IncidentState.MITIGATING);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent()).isEmpty();
        assertThat(f.only("worker-1").hold()).contains(HoldReason.HEALING);
    }

    @Test
    void an_escalated_incident_releases_its_held_alert_at_once() {
        f.buildDefault();
        f.incident("inc-1", "worker-1", IncidentState.MITIGATING);
        f.fire("worker-1", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.advance(Duration.ofSeconds(10));
        f.incident("inc-1", "worker-1", IncidentState.ESCALATED);
        f.alerts.reevaluateHeld();
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent()).hasSize(1);
    }

    @Test
    void a_critical_alert_healed_before_its_group_was_sent_still_goes_out_once_marked_resolved() {
        // Given a critical alert of an incident, waiting for its group (group wait 30 s)
        f.buildDefault();
        f.incident("inc-1", "github", IncidentState.MITIGATING);
        f.fire("github", "simulator_down", AlertSeverity.CRITICAL, "inc-1");
        // When healing resolves the incident 10 s later, before the group is sent
        f.advance(Duration.ofSeconds(10));
        f.incident("inc-1", "github", IncidentState.RESOLVED);
        f.alerts.resolveIncident("inc-1", "verified after restart_service");
        f.advance(Duration.ofMinutes(5));
        // Then the group's message still tells it, once, marked resolved; no separate resolved notice follows
        assertThat(f.channel("team").sent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
        });
        String id = f.store.recent(1).get(0).id();
        assertThat(f.alerts.decisions(id)).last().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Decision.Outcome.SENT);
            assertThat(d.detail()).startsWith("sent resolved");
        });
    }

    @Test
    void a_warning_alert_healed_before_its_group_was_sent_is_never_sent() {
        f.buildDefault();
        f.incident("inc-1", "github", IncidentState.OPEN);
        f.fire("github", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.advance(Duration.ofSeconds(10));
        f.alerts.resolveIncident("inc-1", "verified after restart_service");
        f.advance(Duration.ofMinutes(5));
        assertThat(f.channel("team").sent()).isEmpty();
    }

    @Test
    void an_alert_whose_grace_ended_but_healed_before_its_group_was_sent_still_goes_out_once_marked_resolved() {
        // Given a warning alert of a mitigating incident, released when its 60 s grace ended, waiting its group wait
        f.buildDefault();
        f.incident("inc-1", "worker-1", IncidentState.MITIGATING);
        f.fire("worker-1", "integration_failure", AlertSeverity.WARNING, "inc-1");
        f.advance(Duration.ofSeconds(70));
        assertThat(f.channel("team").sent()).isEmpty();
        // When healing resolves the incident then, after the grace but before the group is sent
        f.incident("inc-1", "worker-1", IncidentState.RESOLVED);
        f.alerts.resolveIncident("inc-1", "healed at last");
        f.advance(Duration.ofMinutes(5));
        // Then it was still told, once, marked resolved: it needed a person
        assertThat(f.channel("team").sent()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notification.Kind.FIRING);
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
        });
    }
}
