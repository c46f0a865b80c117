package dev.selfheal.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.Notification;
import dev.selfheal.alerting.PipelineFixture;
import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.degradation.DegradationLevel;
import dev.selfheal.degradation.DegradationManager;
import dev.selfheal.degradation.DegradationSettings;
import dev.selfheal.events.EscalationStepRan;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EscalationManagerTest {

    private final PipelineFixture f = new PipelineFixture();
    private final List<String> recoveries = new ArrayList<>();
    private DegradationManager degradation;
    private EscalationManager escalation;

    @BeforeEach
    void wire() {
        f.build(new RouteTree(dev.selfheal.alerting.routing.Route.to("root", "team").escalatingBy("standard")),
                b -> { }, dev.selfheal.alerting.routing.Receiver.of("alice-pager", f.channel("alice-pager")),
                dev.selfheal.alerting.routing.Receiver.of("bob-pager", f.channel("bob-pager")));
        degradation = new DegradationManager(f.clock, f.bus, DegradationSettings.defaults());
        OnCallSchedule primary = new OnCallSchedule("primary", OnCallSchedule.Rotation.DAILY, List.of("alice", "bob"),
                LocalTime.of(9, 0), null, ZoneId.of("UTC"), LocalDate.of(2026, 3, 2), List.of());
        EscalationPolicy standard = new EscalationPolicy("standard", List.of(
                new EscalationLevel(Duration.ofMinutes(5), new EscalationAction.NotifyOnCall("primary")),
                new EscalationLevel(Duration.ofMinutes(15), new EscalationAction.RunEmergencyRecovery()),
                new EscalationLevel(Duration.ofMinutes(30), new EscalationAction.EmergencyShutdown())), 1, Duration.ofHours(1));
        escalation = new EscalationManager(f.clock, f.bus, Map.of("standard", standard), Map.of("primary", primary), Optional.empty(),
                new StandardEscalationActions(f.alerts, f.clock.clock(), Map.of("alice", "alice-pager", "bob", "bob-pager"),
                        Optional.of(a -> {
                            recoveries.add(a.id());
                            return "emergency plan started";
                        }), Optional.of(degradation)));
        f.alerts.addListener(escalation);
    }

    @Test
    void an_unacknowledged_alert_escalates_level_by_level_to_emergency_shutdown() {
        // Given a critical alert sent at 10:00:30 (alice is on call)
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        String id = f.only("db").id();
        // When nobody acknowledges it for 30 minutes
        f.advance(Duration.ofMinutes(5));
        assertThat(f.channel("alice-pager").sent(Notification.Kind.ESCALATION)).singleElement()
                .satisfies(n -> assertThat(n.note()).contains("level 1").contains("on call: alice"));
        f.advance(Duration.ofMinutes(10));
        assertThat(recoveries).containsExactly(id);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL_SERVICE);
        f.advance(Duration.ofMinutes(15));
        // Then the service is shut down to maintenance mode, and each step was published
        assertThat(degradation.level()).isEqualTo(DegradationLevel.MAINTENANCE_MODE);
        assertThat(f.events).filteredOn(EscalationStepRan.class::isInstance).map(EscalationStepRan.class::cast)
                .extracting(EscalationStepRan::action)
                .containsExactly("notify_on_call:primary", "emergency_recovery", "emergency_shutdown");
        // And the policy repeats an hour after it began
        f.advance(Duration.ofMinutes(35));
        assertThat(f.channel("alice-pager").sent(Notification.Kind.ESCALATION)).hasSize(2);
    }

    @Test
    void an_acknowledgement_stops_the_escalation() {
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        String id = f.only("db").id();
        f.advance(Duration.ofMinutes(6));
        f.alerts.acknowledge(id, "alice");
        f.advance(Duration.ofHours(3));
        assertThat(recoveries).isEmpty();
        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL_SERVICE);
        assertThat(escalation.steps(id)).isEmpty();
        assertThat(f.events).filteredOn(EscalationStepRan.class::isInstance).hasSize(1);
    }

    @Test
    void a_pager_that_is_down_does_not_stop_the_later_levels() {
        // Given alice's pager fails every call
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        f.channel("alice-pager").failAlways();
        f.advance(Duration.ofMinutes(31));
        assertThat(degradation.level()).isEqualTo(DegradationLevel.MAINTENANCE_MODE);
    }
}
