package dev.selfheal.alerting;

import static dev.selfheal.alerting.TestAlerts.alert;
import static dev.selfheal.alerting.TestAlerts.incidentAlert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.alerting.rules.DependencyGraph;
import dev.selfheal.alerting.rules.Silences;
import dev.selfheal.events.EventBus;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final VirtualScheduler clock = new VirtualScheduler(T0);
    private final Silences silences = new Silences(clock, new EventBus(), new InMemoryAlertStore(), Duration.ofMinutes(15));
    private final TrackedIncidents incidents = new TrackedIncidents();
    private final Map<String, Integer> openAlerts = new HashMap<>();
    private final List<String> graceEnded = new ArrayList<>();
    private final Gates gates = new Gates(silences, List.of(), () -> new DependencyGraph(Map.of("web", List.of("db"))), incidents,
            c -> openAlerts.getOrDefault(c, 0), GRACE, clock, graceEnded::add);

    @Test
    void nothing_holds_an_alert_no_rule_covers() {
        assertThat(gates.check(alert("web", "process_down", AlertSeverity.WARNING, T0), T0)).isEmpty();
    }

    @Test
    void a_silence_holds_and_mutes_what_it_matches_and_names_itself() {
        var s = silences.add(List.of(Matcher.parse("component=web")), T0, T0.plus(Duration.ofHours(1)), "ann", "deploy");
        Alert a = alert("web", "process_down", AlertSeverity.CRITICAL, T0);
        assertThat(gates.check(a, T0)).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HoldReason.SILENCED);
            assertThat(h.detail()).startsWith(s.id() + " by ann until").endsWith("(deploy)");
        });
        assertThat(gates.muted(a, T0)).isTrue();
        assertThat(gates.muted(alert("db", "process_down", AlertSeverity.CRITICAL, T0), T0)).isFalse();
    }

    @Test
    void an_upstream_with_open_alerts_or_an_open_incident_inhibits_its_dependents() {
        Alert web = alert("web", "http_errors", AlertSeverity.WARNING, T0);
        openAlerts.put("db", 1);
        assertThat(gates.check(web, T0)).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HoldReason.INHIBITED);
            assertThat(h.detail()).isEqualTo("upstream db is alerting");
        });
        openAlerts.clear();
        incidents.update("inc-1", "db", IncidentState.OPEN);
        assertThat(gates.check(web, T0)).hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("upstream db has open incident inc-1"));
        assertThat(gates.check(alert("db", "process_down", AlertSeverity.WARNING, T0), T0)).isEmpty();
    }

    @Test
    void healing_holds_a_non_critical_incident_alert_until_its_grace_ends_and_says_so_once() {
        incidents.update("inc-1", "web", IncidentState.MITIGATING);
        Alert a = incidentAlert("web", "http_errors", AlertSeverity.WARNING, "inc-1", T0);
        assertThat(gates.check(a, T0)).hasValueSatisfying(h -> assertThat(h.reason()).isEqualTo(HoldReason.HEALING));
        assertThat(gates.check(a, T0.plusSeconds(10))).isPresent();
        clock.advance(GRACE.minusSeconds(1));
        assertThat(graceEnded).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(graceEnded).containsExactly(a.fingerprint());
        gates.graceTimerFired(a.fingerprint());
        assertThat(gates.check(a, clock.now())).isEmpty();
        assertThat(gates.check(incidentAlert("web", "down", AlertSeverity.CRITICAL, "inc-1", T0), T0)).isEmpty();
    }

    @Test
    void a_resolved_alert_s_grace_timer_is_cancelled() {
        incidents.update("inc-1", "web", IncidentState.MITIGATING);
        Alert a = incidentAlert("web", "http_errors", AlertSeverity.WARNING, "inc-1", T0);
        gates.check(a, T0);
        gates.forget(a.fingerprint());
        clock.advance(GRACE.multipliedBy(2));
        assertThat(graceEnded).isEmpty();
    }

    @Test
    void inhibition_reads_the_dependencies_in_force_at_each_check() {
        var inForce = new java.util.concurrent.atomic.AtomicReference<>(DependencyGraph.EMPTY);
        Gates learning = new Gates(silences, List.of(), inForce::get, incidents, c -> openAlerts.getOrDefault(c, 0), GRACE, clock, graceEnded::add);
        incidents.update("inc-1", "cache", IncidentState.OPEN);
        Alert web = alert("web", "http_errors", AlertSeverity.WARNING, T0);
        assertThat(learning.check(web, T0)).isEmpty();

        inForce.set(new DependencyGraph(Map.of("web", List.of("cache")))); // an edge learned while running

        assertThat(learning.check(web, T0)).hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("upstream cache has open incident inc-1"));
    }
}
