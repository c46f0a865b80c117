package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every notification about an incident's alert says why the incident's recovery plan is ordered as it is. */
class PlanExplanationNotificationTest {

    private static final String WHY = "reload_config first: verified 19 of the last 20 times on process_down of kind api, "
            + "median 4 s | restart_service: verified 0 of the last 20 times on process_down of kind api";

    private final PipelineFixture f = new PipelineFixture();
    private IncidentManager incidents;

    private String planned(ProblemType type, String component, Severity severity) {
        incidents = new IncidentManager(new InMemoryIncidentStore(), f.bus, f.clock.clock(), Duration.ofMinutes(5));
        f.build(dev.selfheal.alerting.routing.RouteTree.single("team"),
                b -> b.planExplanations(id -> incidents.get(id).flatMap(Incident::planExplanation)));
        new IncidentAlerts(f.bus, f.alerts);
        String id = incidents.accept(new Problem(type, component, severity, "down", "health", f.clock.now())).incident().id();
        incidents.transition(id, IncidentState.MITIGATING, "healing started");
        // what the recovery engine notes when it plans (RecoveryEngine.planData)
        incidents.note(id, TimelineEntry.Kind.PLAN, "plan: reload_config(LOW) -> restart_service(LOW)",
                Map.of("steps", "reload_config,restart_service", "why", WHY));
        return id;
    }

    @Test
    void the_firing_and_resolved_notifications_of_an_incident_carry_why_its_plan_is_ordered_so() {
        // Given a critical incident (not held for healing) whose plan was ordered by what was learned
        String id = planned(ProblemType.DATABASE_ISSUES, "db", Severity.HIGH);
        // When its alert is sent, and then healing resolves it
        f.advance(Duration.ofSeconds(30));
        incidents.transition(id, IncidentState.RESOLVED, "verified healthy");
        // Then both messages say why the plan is in that order, and the resolved one still says how it ended
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement()
                .satisfies(n -> assertThat(n.note()).isEqualTo("why this plan: " + WHY))
                .satisfies(n -> assertThat(n.text()).contains("why this plan: reload_config first: verified 19 of the last 20 times"));
        assertThat(f.channel("team").sent(Notification.Kind.RESOLVED)).singleElement()
                .satisfies(n -> assertThat(n.note()).startsWith("incident resolved: verified healthy").endsWith("why this plan: " + WHY));
    }

    @Test
    void an_escalated_incident_tells_the_person_paged_what_healing_tried_first_and_why() {
        // Given an incident whose alert is held while healing works on it
        String id = planned(ProblemType.INTEGRATION_FAILURE, "github-api", Severity.MEDIUM);
        f.advance(Duration.ofSeconds(35));
        assertThat(f.channel("team").sent()).isEmpty();
        // When healing gives up
        incidents.transition(id, IncidentState.ESCALATED, "plan exhausted");
        f.advance(Duration.ofSeconds(30));
        // Then the page carries the plan's reasons
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement()
                .satisfies(n -> assertThat(n.note()).contains("why this plan: reload_config first: verified 19 of the last 20 times"));
    }

    @Test
    void an_alert_of_no_incident_or_of_an_unplanned_one_has_no_explanation() {
        incidents = new IncidentManager(new InMemoryIncidentStore(), f.bus, f.clock.clock(), Duration.ofMinutes(5));
        f.build(dev.selfheal.alerting.routing.RouteTree.single("team"),
                b -> b.planExplanations(id -> incidents.get(id).flatMap(Incident::planExplanation)));
        f.fire("cache", "high_memory_usage", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement()
                .satisfies(n -> assertThat(n.note()).isEmpty());
    }
}
