package dev.selfheal.incident.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentOpened;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.events.SelfHealEvent;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import dev.selfheal.orchestrator.ProblemMapping;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentManagerTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final EventBus bus = new EventBus();
    private final List<SelfHealEvent> events = new ArrayList<>();
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentManager incidents = new IncidentManager(store, bus, scheduler.clock(), Duration.ofMinutes(5));

    IncidentManagerTest() {
        bus.subscribe(SelfHealEvent.class, events::add);
    }

    private Problem problem(ProblemType type, String component) {
        return new Problem(type, component, Severity.MEDIUM, type + " on " + component, "test", scheduler.now());
    }

    @Test
    void problems_on_one_component_merge_into_one_incident_and_other_components_get_their_own() {
        Incident first = incidents.accept(problem(ProblemType.INTEGRATION_FAILURE, "github-api")).incident();
        scheduler.advance(Duration.ofMinutes(2));
        IncidentManager.Accepted merged = incidents.accept(problem(ProblemType.PERFORMANCE_DEGRADATION, "github-api"));
        IncidentManager.Accepted other = incidents.accept(problem(ProblemType.INTEGRATION_FAILURE, "slack-api"));

        assertThat(merged.opened()).isFalse();
        assertThat(merged.incident().id()).isEqualTo(first.id());
        assertThat(merged.incident().problemTypes()).containsExactly(ProblemType.INTEGRATION_FAILURE, ProblemType.PERFORMANCE_DEGRADATION);
        assertThat(merged.incident().timeline()).extracting(TimelineEntry::kind).containsExactly(TimelineEntry.Kind.SIGNAL, TimelineEntry.Kind.SIGNAL);
        assertThat(other.opened()).isTrue();
        assertThat(events).filteredOn(IncidentOpened.class::isInstance).hasSize(2);
    }

    @Test
    void an_escalated_incident_quiet_for_longer_than_the_merge_window_does_not_absorb_a_new_problem() {
        Incident first = incidents.accept(problem(ProblemType.PROCESS_DOWN, "worker")).incident();
        incidents.transition(first.id(), IncidentState.ESCALATED, "no action");
        scheduler.advance(Duration.ofMinutes(4));
        assertThat(incidents.accept(problem(ProblemType.PROCESS_DOWN, "worker")).opened()).isFalse();

        scheduler.advance(Duration.ofMinutes(6));
        IncidentManager.Accepted later = incidents.accept(problem(ProblemType.PROCESS_DOWN, "worker"));

        assertThat(later.opened()).isTrue();
        assertThat(later.incident().id()).isNotEqualTo(first.id());
    }

    @Test
    void only_legal_transitions_are_allowed_and_each_is_an_event_and_a_timeline_line() {
        Incident incident = incidents.accept(problem(ProblemType.PROCESS_DOWN, "worker")).incident();

        assertThat(incidents.transition(incident.id(), IncidentState.MITIGATING, "healing started")).isTrue();
        assertThat(incidents.transition(incident.id(), IncidentState.MITIGATING, "again")).isFalse();
        incidents.transition(incident.id(), IncidentState.ESCALATED, "plan exhausted");
        incidents.transition(incident.id(), IncidentState.RESOLVED, "fixed by hand");
        assertThatThrownBy(() -> incidents.transition(incident.id(), IncidentState.MITIGATING, "x"))
                .hasMessageContaining("cannot move from RESOLVED to MITIGATING");
        assertThatThrownBy(() -> incidents.transition(incident.id(), IncidentState.OPEN, "back"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot move from RESOLVED to OPEN");

        assertThat(events).filteredOn(IncidentStateChanged.class::isInstance).map(e -> ((IncidentStateChanged) e).to())
                .containsExactly(IncidentState.MITIGATING, IncidentState.ESCALATED, IncidentState.RESOLVED);
        Incident stored = store.find(incident.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(stored.closedAt()).contains(scheduler.now());
        assertThat(stored.timeline()).extracting(TimelineEntry::message).containsExactly(
                "process_down on worker", "healing started", "plan exhausted", "fixed by hand");
        assertThat(incidents.unresolved()).isEmpty();
    }

    @Test
    void the_state_machine_lists_its_legal_transitions() {
        assertThat(IncidentState.OPEN.canMoveTo(IncidentState.MITIGATING)).isTrue();
        assertThat(IncidentState.OPEN.canMoveTo(IncidentState.RESOLVED)).isTrue();
        assertThat(IncidentState.MITIGATING.canMoveTo(IncidentState.OPEN)).isTrue(); // a new leader starts it over
        assertThat(IncidentState.RESOLVED.canMoveTo(IncidentState.OPEN)).isFalse();
        assertThat(IncidentState.ESCALATED.canMoveTo(IncidentState.RESOLVED)).isTrue();
        assertThat(IncidentState.RESOLVED.canMoveTo(IncidentState.ESCALATED)).isFalse();
    }

    @Test
    void a_new_manager_picks_up_the_unresolved_incidents_of_its_store() {
        Incident open = incidents.accept(problem(ProblemType.PROCESS_DOWN, "worker")).incident();
        Incident closed = incidents.accept(problem(ProblemType.PROCESS_DOWN, "other")).incident();
        incidents.transition(closed.id(), IncidentState.RESOLVED, "ok");

        IncidentManager restarted = new IncidentManager(store, bus, scheduler.clock(), Duration.ofMinutes(5));

        assertThat(restarted.unresolved()).extracting(Incident::id).containsExactly(open.id());
        assertThat(restarted.accept(problem(ProblemType.PROCESS_DOWN, "worker")).incident().id()).isEqualTo(open.id());
    }

    @Test
    void a_component_turning_unhealthy_maps_to_a_problem_type_by_name_then_group() {
        ProblemMapping mapping = ProblemMapping.defaults().withGroup("queues", ProblemType.of("queue_stuck"));

        assertThat(mapping.typeOf("github-api", "integrations")).isEqualTo(ProblemType.INTEGRATION_FAILURE);
        assertThat(mapping.typeOf("orders-db", "database")).isEqualTo(ProblemType.DATABASE_ISSUES);
        assertThat(mapping.typeOf("worker", "process")).isEqualTo(ProblemType.PROCESS_DOWN);
        assertThat(mapping.typeOf("memory", "system")).isEqualTo(ProblemType.HIGH_MEMORY_USAGE);
        assertThat(mapping.typeOf("jobs", "queues")).isEqualTo(ProblemType.of("queue_stuck"));
        assertThat(mapping.typeOf("disk", "system")).isEqualTo(ProblemType.COMPONENT_UNHEALTHY);
        assertThatThrownBy(() -> ProblemType.of("Bad Name")).hasMessageContaining("'Bad Name'");
    }
}
