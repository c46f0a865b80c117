package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IncidentAlertsTest {

    private final PipelineFixture f = new PipelineFixture();

    @Test
    void an_incident_raises_its_alert_and_healing_it_resolves_the_alert_with_one_notice_to_those_told() {
        // Given the pipeline wired to a real incident manager through the event bus
        f.buildDefault();
        IncidentAlerts bridge = new IncidentAlerts(f.bus, f.alerts);
        IncidentManager incidents = new IncidentManager(new InMemoryIncidentStore(), f.bus, f.clock.clock(), Duration.ofMinutes(5));
        // When a critical problem opens an incident and healing starts
        var opened = incidents.accept(new Problem(ProblemType.DATABASE_ISSUES, "db", Severity.HIGH, "connection refused", "health",
                f.clock.now())).incident();
        incidents.transition(opened.id(), IncidentState.MITIGATING, "healing started");
        f.advance(Duration.ofSeconds(30));
        // Then its alert (critical: not held for healing) was sent, tied to the incident
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement()
                .satisfies(n -> assertThat(n.alerts().get(0).incidentId()).contains(opened.id()));
        // When healing resolves the incident
        incidents.transition(opened.id(), IncidentState.RESOLVED, "verified healthy");
        // Then one resolved notice, and no alert stays open
        assertThat(f.channel("team").sent(Notification.Kind.RESOLVED)).singleElement()
                .satisfies(n -> assertThat(n.note()).contains("verified healthy"));
        assertThat(f.alerts.open()).isEmpty();
        bridge.close();
    }

    @Test
    void an_escalated_incident_is_told_at_once_even_when_its_alert_was_held_for_healing() {
        f.buildDefault();
        IncidentAlerts bridge = new IncidentAlerts(f.bus, f.alerts);
        IncidentManager incidents = new IncidentManager(new InMemoryIncidentStore(), f.bus, f.clock.clock(), Duration.ofMinutes(5));
        var opened = incidents.accept(new Problem(ProblemType.INTEGRATION_FAILURE, "github-api", Severity.MEDIUM, "5xx", "breaker",
                f.clock.now())).incident();
        incidents.transition(opened.id(), IncidentState.MITIGATING, "healing started");
        f.advance(Duration.ofSeconds(35));
        assertThat(f.channel("team").sent()).isEmpty();
        incidents.transition(opened.id(), IncidentState.ESCALATED, "plan exhausted");
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
        bridge.close();
    }

    // ---- the alert's severity: the problem type's default, lowered by a milder problem ----------

    private IncidentManager wired() {
        f.buildDefault();
        new IncidentAlerts(f.bus, f.alerts);
        return new IncidentManager(new InMemoryIncidentStore(), f.bus, f.clock.clock(), Duration.ofMinutes(5));
    }

    private String openAndHeal(IncidentManager incidents, ProblemType type, String component, Severity severity, String source) {
        String id = incidents.accept(new Problem(type, component, severity, "seen", source, f.clock.now())).incident().id();
        incidents.transition(id, IncidentState.MITIGATING, "healing started");
        return id;
    }

    @Test
    void a_high_integration_failure_healed_within_the_grace_sends_nothing() {
        // Given a breaker opening (HIGH integration_failure: a warning by its type) that healing works on
        IncidentManager incidents = wired();
        String id = openAndHeal(incidents, ProblemType.INTEGRATION_FAILURE, "github-api", Severity.HIGH, "breaker");
        assertThat(f.only("github-api").severity()).isEqualTo(AlertSeverity.WARNING);
        // When healing resolves it 20 s later, inside the 60 s grace
        f.advance(Duration.ofSeconds(20));
        incidents.transition(id, IncidentState.RESOLVED, "breaker closed");
        f.advance(Duration.ofMinutes(10));
        // Then nobody was told
        assertThat(f.channel("team").sent()).isEmpty();
        assertThat(f.alerts.open()).isEmpty();
    }

    @Test
    void a_high_integration_failure_not_healed_within_the_grace_is_sent_once_after_it() {
        IncidentManager incidents = wired();
        String id = openAndHeal(incidents, ProblemType.INTEGRATION_FAILURE, "github-api", Severity.HIGH, "breaker");
        f.advance(Duration.ofSeconds(59));
        assertThat(f.channel("team").sent()).isEmpty();
        f.advance(Duration.ofSeconds(31)); // grace ends at 60 s, then the group wait of 30 s
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement()
                .satisfies(n -> assertThat(n.alerts().get(0).incidentId()).contains(id));
        f.advance(Duration.ofMinutes(30));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }

    @Test
    void a_high_process_down_is_sent_at_once_while_healing_works() {
        IncidentManager incidents = wired();
        openAndHeal(incidents, ProblemType.PROCESS_DOWN, "worker-1", Severity.HIGH, "health");
        assertThat(f.only("worker-1").severity()).isEqualTo(AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30)); // the group wait, no healing grace
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }

    @Test
    void a_critical_problem_of_a_warning_type_is_sent_at_once_while_healing_works() {
        IncidentManager incidents = wired();
        openAndHeal(incidents, ProblemType.INTEGRATION_FAILURE, "github-api", Severity.CRITICAL, "breaker");
        assertThat(f.only("github-api").severity()).isEqualTo(AlertSeverity.EMERGENCY);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }

    @Test
    void a_low_problem_is_info_and_an_alertmanager_problem_keeps_its_stated_severity() {
        IncidentManager incidents = wired();
        openAndHeal(incidents, ProblemType.PROCESS_DOWN, "worker-1", Severity.LOW, "anomaly");
        openAndHeal(incidents, ProblemType.of("database_down"), "db-1", Severity.HIGH, IncidentAlerts.ALERTMANAGER_SOURCE);
        openAndHeal(incidents, ProblemType.of("database_down"), "db-2", Severity.HIGH, "health");
        assertThat(f.only("worker-1").severity()).isEqualTo(AlertSeverity.INFO);
        assertThat(f.only("db-1").severity()).isEqualTo(AlertSeverity.CRITICAL); // Prometheus said critical
        assertThat(f.only("db-2").severity()).isEqualTo(AlertSeverity.WARNING); // an unlisted type's default
    }
}
