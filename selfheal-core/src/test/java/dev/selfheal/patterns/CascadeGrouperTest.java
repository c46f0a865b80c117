package dev.selfheal.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.selfheal.events.EventBus;
import dev.selfheal.events.IncidentStateChanged;
import dev.selfheal.incident.InMemoryIncidentStore;
import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.lifecycle.IncidentManager;
import dev.selfheal.time.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Cascade grouping on virtual time with a real IncidentManager: symptoms seen before their root end in the root's incident. */
class CascadeGrouperTest {

    private static final Instant T0 = Instant.parse("2026-11-02T02:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(2);

    private final VirtualScheduler scheduler = new VirtualScheduler(T0);
    private final EventBus bus = new EventBus();
    private final IncidentManager incidents = new IncidentManager(new InMemoryIncidentStore(), bus, scheduler.clock(), IncidentManager.DEFAULT_MERGE_WINDOW);
    private final AtomicBoolean planUnderWay = new AtomicBoolean();

    /** database → api; database → cache → web (cache never fails): api and web are not related but through database. */
    private final PatternReport report = new PatternReport(T0, List.of(), new CausalGraph(List.of(
            CausalEdge.configured("database", "api"), CausalEdge.configured("database", "cache"), CausalEdge.configured("cache", "web"),
            CausalEdge.configured("queue", "api"))), List.of(), 0, 0);
    private final CascadeGrouper grouper = new CascadeGrouper(incidents, () -> report, WINDOW, i -> !planUnderWay.get());

    private CascadeGrouper.Grouped failing(String component, int second) {
        Instant at = T0.plusSeconds(second);
        if (at.isAfter(scheduler.now())) {
            scheduler.advance(Duration.between(scheduler.now(), at));
        }
        return grouper.accept(new Problem(ProblemType.of("integration_failure"), component, Severity.HIGH, component + " failing", "test", at));
    }

    @Test
    void symptoms_that_opened_incidents_before_their_root_was_seen_are_folded_into_the_roots_incident() {
        List<IncidentStateChanged> changes = new ArrayList<>();
        bus.subscribe(IncidentStateChanged.class, changes::add);
        Incident api = failing("api", 0).incident();
        Incident web = failing("web", 5).incident();
        assertThat(api.id()).isNotEqualTo(web.id()); // nothing known ties api to web yet

        CascadeGrouper.Grouped root = failing("database", 12);

        assertThat(root.outcome()).isEqualTo(CascadeGrouper.Outcome.REROOTED);
        assertThat(incidents.unresolved()).singleElement().satisfies(i -> {
            assertThat(i.component()).isEqualTo("database");
            assertThat(CascadeGrouper.componentsOf(i)).containsExactly("api", "database", "web");
            assertThat(i.timeline()).anySatisfy(e -> assertThat(e.message()).contains("merged into this one"));
        });
        String folded = root.folded().getFirst();
        assertThat(root.folded()).hasSize(1).containsAnyOf(api.id(), web.id());
        Incident closed = incidents.get(folded).orElseThrow();
        assertThat(closed.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(closed.timeline().getLast().data()).containsEntry("merged_into", root.incident().id());
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.incidentId()).isEqualTo(folded);
            assertThat(c.reason()).isEqualTo("merged into " + root.incident().id());
        });
    }

    @Test
    void a_symptom_whose_incident_is_being_worked_is_not_folded() {
        failing("api", 0);
        failing("web", 5);
        planUnderWay.set(true);

        failing("database", 12);

        assertThat(incidents.unresolved()).hasSize(2); // the root joined one of them; neither was moved
        assertThat(incidents.unresolved()).extracting(Incident::component).containsExactlyInAnyOrder("api", "web");
    }

    @Test
    void a_symptom_parked_on_a_healed_root_is_taken_over_by_its_new_root() {
        // queue fails, api follows: one incident on queue; it is healed
        Incident queue = failing("queue", 0).incident();
        failing("api", 10);
        incidents.transition(queue.id(), IncidentState.MITIGATING, "test");
        incidents.transition(queue.id(), IncidentState.RESOLVED, "test");

        // api fails again a moment later: taken as the healed queue's symptom still recovering
        CascadeGrouper.Grouped parked = failing("api", 40);
        assertThat(parked.outcome()).isEqualTo(CascadeGrouper.Outcome.AWAITING_RECOVERY);

        // then database, api's other cause, is seen failing: the new root takes api over
        CascadeGrouper.Grouped root = failing("database", 50);

        assertThat(root.outcome()).isEqualTo(CascadeGrouper.Outcome.OPENED);
        assertThat(root.adopted()).extracting(Problem::component).containsExactly("api");
        assertThat(CascadeGrouper.componentsOf(root.incident())).containsExactly("api", "database");
    }

    @Test
    void a_failure_downstream_of_any_member_joins_the_incident_not_only_one_downstream_of_its_component() {
        failing("api", 0);
        assertThat(failing("cache", 5).outcome()).isEqualTo(CascadeGrouper.Outcome.MERGED_CASCADE); // api's sibling under database

        CascadeGrouper.Grouped web = failing("web", 20); // downstream of cache, not of api

        assertThat(web.outcome()).isEqualTo(CascadeGrouper.Outcome.MERGED_CASCADE);
        assertThat(incidents.unresolved()).singleElement().satisfies(i -> assertThat(CascadeGrouper.componentsOf(i)).containsExactly("api", "cache", "web"));
    }

    @Test
    void an_unrelated_failure_opens_its_own_incident() {
        failing("database", 0);

        CascadeGrouper.Grouped other = failing("mailer", 5);

        assertThat(other.outcome()).isEqualTo(CascadeGrouper.Outcome.OPENED);
        assertThat(incidents.unresolved()).hasSize(2);
    }

    @Test
    void a_component_failing_again_downstream_of_a_new_cascade_brings_its_open_incident_into_the_cascades() {
        Incident api = failing("api", 0).incident(); // on its own, nothing else failing
        Incident database = failing("database", 150).incident(); // too late to be api's root
        assertThat(database.id()).isNotEqualTo(api.id());

        CascadeGrouper.Grouped again = failing("api", 160); // now downstream of the failing database

        assertThat(again.outcome()).isEqualTo(CascadeGrouper.Outcome.MERGED_CASCADE);
        assertThat(again.folded()).containsExactly(api.id());
        assertThat(incidents.unresolved()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(database.id());
            assertThat(CascadeGrouper.componentsOf(i)).containsExactly("api", "database");
        });
    }

    @Test
    void a_component_failing_again_while_its_incident_is_worked_stays_in_its_own_incident() {
        Incident api = failing("api", 0).incident();
        failing("database", 150);
        planUnderWay.set(true);

        CascadeGrouper.Grouped again = failing("api", 160);

        assertThat(again.outcome()).isEqualTo(CascadeGrouper.Outcome.MERGED_OWN);
        assertThat(again.incident().id()).isEqualTo(api.id());
    }

    @Test
    void a_failure_downstream_of_a_symptom_still_recovering_from_a_healed_root_waits_with_it() {
        Incident database = failing("database", 0).incident();
        failing("cache", 10);
        incidents.transition(database.id(), IncidentState.MITIGATING, "test");
        incidents.transition(database.id(), IncidentState.RESOLVED, "test");
        assertThat(failing("cache", 40).outcome()).isEqualTo(CascadeGrouper.Outcome.AWAITING_RECOVERY);

        CascadeGrouper.Grouped web = failing("web", 50); // downstream of cache, not in the healed incident

        assertThat(web.outcome()).isEqualTo(CascadeGrouper.Outcome.AWAITING_RECOVERY);
        assertThat(web.incident().id()).isEqualTo(database.id());
        assertThat(incidents.unresolved()).isEmpty();
    }
}
