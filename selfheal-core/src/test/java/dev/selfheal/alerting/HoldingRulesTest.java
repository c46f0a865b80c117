package dev.selfheal.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.routing.RouteTree;
import dev.selfheal.alerting.rules.CronExpression;
import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.MaintenanceWindow;
import dev.selfheal.alerting.rules.Silence;
import dev.selfheal.events.SilenceExpiring;
import dev.selfheal.incident.IncidentState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldingRulesTest {

    private final PipelineFixture f = new PipelineFixture();

    @Test
    void a_downstream_alert_is_held_while_its_upstream_has_an_open_incident_and_sent_when_it_stays_after() {
        // Given worker depends on queue, queue on database, and the database has an open incident
        f.build(RouteTree.single("team"), PipelineFixture.with(new DependencyGraph(Map.of(
                "worker", List.of("queue"), "queue", List.of("database")))));
        f.incident("inc-db", "database", IncidentState.OPEN);
        // When the worker alerts
        Decision d = f.fire("worker", "integration_failure", AlertSeverity.WARNING);
        f.advance(Duration.ofMinutes(2));
        // Then it is held, naming the upstream incident, and nobody is told
        assertThat(d.reason()).contains(HoldReason.INHIBITED);
        assertThat(d.detail()).contains("upstream database has open incident inc-db");
        assertThat(f.channel("team").sent()).isEmpty();
        // When the database incident resolves but the worker still fails
        f.incident("inc-db", "database", IncidentState.RESOLVED);
        f.alerts.reevaluateHeld();
        f.advance(Duration.ofSeconds(30));
        // Then the worker alert goes out
        assertThat(f.channel("team").sent()).singleElement().satisfies(n ->
                assertThat(n.alerts()).extracting(Alert::component).containsExactly("worker"));
    }

    @Test
    void an_alert_on_the_upstream_component_itself_also_inhibits_its_dependents() {
        f.build(RouteTree.single("team"), PipelineFixture.with(new DependencyGraph(Map.of("api", List.of("db")))));
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        Decision d = f.fire("api", "performance_degradation", AlertSeverity.WARNING);
        f.advance(Duration.ofSeconds(30));
        assertThat(d.reason()).contains(HoldReason.INHIBITED);
        assertThat(f.channel("team").sent()).singleElement().satisfies(n ->
                assertThat(n.alerts()).extracting(Alert::component).containsExactly("db"));
    }

    @Test
    void a_silence_holds_matching_alerts_reminds_its_creator_and_releases_them_when_it_expires() {
        // Given a silence on worker-1 for one hour
        f.buildDefault();
        Silence s = f.alerts.silences().add(List.of(Matcher.parse("component=worker-1")), f.clock.now(),
                f.clock.now().plus(Duration.ofHours(1)), "alice", "deploying worker-1");
        // When worker-1 and worker-2 fail
        Decision held = f.fire("worker-1", "process_down", AlertSeverity.CRITICAL);
        f.fire("worker-2", "process_down", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        // Then only worker-2 is sent; worker-1 is held naming the silence
        assertThat(held.reason()).contains(HoldReason.SILENCED);
        assertThat(held.detail()).contains(s.id()).contains("alice").contains("deploying worker-1");
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement().satisfies(n ->
                assertThat(n.alerts()).extracting(Alert::component).containsExactly("worker-2"));
        // And 15 minutes before the end the creator is reminded
        f.advance(Duration.ofMinutes(44));
        assertThat(f.events).noneMatch(SilenceExpiring.class::isInstance);
        f.advance(Duration.ofMinutes(1));
        assertThat(f.events).filteredOn(SilenceExpiring.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((SilenceExpiring) e).createdBy()).isEqualTo("alice"));
        assertThat(f.channel("team").sent(Notification.Kind.SILENCE_EXPIRING)).singleElement()
                .satisfies(n -> assertThat(n.title()).contains(s.id()).contains("alice").contains("deploying worker-1"));
        // When the silence ends and worker-1 still fires, it goes out
        f.advance(Duration.ofMinutes(16));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(2);
        assertThat(f.channel("team").sent(Notification.Kind.FIRING).get(1).alerts()).extracting(Alert::component).containsExactly("worker-1");
    }

    @Test
    void expiring_a_silence_early_releases_its_alerts_at_once() {
        f.buildDefault();
        Silence s = f.alerts.silences().add(List.of(Matcher.parse("severity=~warning|info")), f.clock.now(),
                f.clock.now().plus(Duration.ofDays(1)), "bob", "noisy warnings");
        f.fire("api", "performance_degradation", AlertSeverity.WARNING);
        f.advance(Duration.ofMinutes(1));
        assertThat(f.channel("team").sent()).isEmpty();
        f.alerts.silences().expire(s.id());
        f.advance(Duration.ofSeconds(30));
        assertThat(f.channel("team").sent()).hasSize(1);
        assertThat(f.store.silences()).singleElement().satisfies(x -> assertThat(x.endsAt()).isBefore(s.endsAt()));
    }

    @Test
    void a_recurring_maintenance_window_holds_alerts_inside_it_and_not_outside() {
        // Given a nightly window 02:00-03:00 Europe/Berlin for batch jobs
        MaintenanceWindow nightly = new MaintenanceWindow("nightly-batch", CronExpression.parse("0 2 * * *"),
                Duration.ofHours(1), ZoneId.of("Europe/Berlin"), List.of(Matcher.parse("component=~batch-.*")));
        f.build(RouteTree.single("team"), PipelineFixture.with(List.of(nightly)));
        // When a batch job fails at 02:30 Berlin (01:30 UTC in winter), the clock starting at 10:00 UTC
        f.advance(Duration.ofHours(15).plusMinutes(30));
        Decision inside = f.fire("batch-1", "process_down", AlertSeverity.CRITICAL);
        Decision other = f.fire("web", "process_down", AlertSeverity.CRITICAL);
        // Then it is held naming the window, the web alert is not
        assertThat(inside.reason()).contains(HoldReason.MAINTENANCE);
        assertThat(inside.detail()).contains("nightly-batch");
        assertThat(other.reason()).isNotEqualTo(java.util.Optional.of(HoldReason.MAINTENANCE));
        // And after the window, the still-firing batch alert is sent
        f.advance(Duration.ofMinutes(31));
        assertThat(f.channel("team").sent()).flatExtracting(Notification::alerts).extracting(Alert::component)
                .containsExactly("web", "batch-1");
    }

    @Test
    void an_alert_that_keeps_flapping_is_sent_once_as_flapping_then_held() {
        // Given flap damping at more than 3 cycles in 10 minutes
        f.build(RouteTree.single("team"), b -> b.settings(AlertingSettings.DEFAULT.withFlap(3, Duration.ofMinutes(10))));
        // When a check fires and resolves every 10 seconds, 8 times
        for (int i = 0; i < 8; i++) {
            f.fire("api", "component_unhealthy", AlertSeverity.WARNING);
            f.advance(Duration.ofSeconds(5));
            f.resolve("api", "component_unhealthy");
            f.advance(Duration.ofSeconds(5));
        }
        f.advance(Duration.ofSeconds(30));
        // Then one notification, marked flapping
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement().satisfies(n -> {
            assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.flapping()).isTrue());
            assertThat(n.text()).contains("[flapping]");
        });
        assertThat(f.alerts.held(HoldReason.FLAPPING)).isPositive();
        // And once it stays resolved for the flap window, one resolved notice
        f.advance(Duration.ofMinutes(25));
        assertThat(f.channel("team").sent(Notification.Kind.RESOLVED)).hasSize(1);
        assertThat(f.alerts.open()).isEmpty();
    }

    @Test
    void a_flapping_alert_resolved_before_anyone_was_told_does_not_count_as_the_one_flapping_notice() {
        // Given flap damping at more than 3 cycles in 10 minutes, and a degradation level that can change
        java.util.concurrent.atomic.AtomicInteger level = new java.util.concurrent.atomic.AtomicInteger(0);
        f.build(RouteTree.single("team"), b -> b.settings(AlertingSettings.DEFAULT.withFlap(3, Duration.ofMinutes(10)))
                .degradationLevel(level::get));
        // When a breaker's incident opens and heals within the grace every 6 s (warnings: nobody is told, flapping or not)
        int n = 0;
        for (; n < 8; n++) {
            String id = "inc-" + n;
            f.incident(id, "linear-guard", IncidentState.MITIGATING);
            f.fire("linear-guard", "integration_failure", AlertSeverity.WARNING, id);
            f.advance(Duration.ofSeconds(2));
            f.incident(id, "linear-guard", IncidentState.RESOLVED);
            f.alerts.resolveIncident(id, "healed");
            f.advance(Duration.ofSeconds(4));
        }
        assertThat(f.channel("team").sent()).isEmpty();
        // And then the service degrades to read only, so its next openings are critical
        level.set(3);
        String id = "inc-" + n;
        f.incident(id, "linear-guard", IncidentState.MITIGATING);
        Decision d = f.fire("linear-guard", "integration_failure", AlertSeverity.WARNING, id);
        f.advance(Duration.ofSeconds(2));
        f.incident(id, "linear-guard", IncidentState.RESOLVED);
        f.alerts.resolveIncident(id, "healed");
        f.advance(Duration.ofSeconds(40));
        // Then that critical, flapping alert is told (once, marked flapping), not held as "already sent once as flapping"
        assertThat(d.reason()).isNotEqualTo(java.util.Optional.of(HoldReason.FLAPPING));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).singleElement().satisfies(sent ->
                assertThat(sent.alerts()).singleElement().satisfies(a -> {
                    assertThat(a.flapping()).isTrue();
                    assertThat(a.incidentId()).contains(id);
                    assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
                }));
        // And the openings after it are held as flapping: it was told once
        for (int k = n + 1; k < n + 4; k++) {
            String next = "inc-" + k;
            f.incident(next, "linear-guard", IncidentState.MITIGATING);
            assertThat(f.fire("linear-guard", "integration_failure", AlertSeverity.WARNING, next).reason()).contains(HoldReason.FLAPPING);
            f.advance(Duration.ofSeconds(2));
            f.incident(next, "linear-guard", IncidentState.RESOLVED);
            f.alerts.resolveIncident(next, "healed");
            f.advance(Duration.ofSeconds(4));
        }
        f.advance(Duration.ofMinutes(1));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }

    @Test
    void a_silence_made_after_an_alert_was_sent_stops_its_repeats() {
        f.buildDefault();
        f.fire("db", "database_issues", AlertSeverity.CRITICAL);
        f.advance(Duration.ofSeconds(30));
        f.alerts.silences().add(List.of(Matcher.parse("component=db")), f.clock.now(), f.clock.now().plus(Duration.ofHours(8)),
                "carol", "known, vendor ticket open");
        f.advance(Duration.ofHours(6));
        assertThat(f.channel("team").sent(Notification.Kind.FIRING)).hasSize(1);
    }
}
