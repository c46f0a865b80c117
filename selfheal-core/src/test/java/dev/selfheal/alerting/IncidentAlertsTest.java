package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.engine.IncidentManager;
import dev.selfheal.engine.IncidentState;
import dev.selfheal.engine.Problem;
import dev.selfheal.engine.ProblemType;
import dev.selfheal.engine.Severity;
import dev.selfheal.store.InMemoryIncidentStore;
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
}
