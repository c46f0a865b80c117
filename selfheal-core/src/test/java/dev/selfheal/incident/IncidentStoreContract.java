package dev.selfheal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link IncidentStore} runs (core test jar). Each test gets an empty store. */
public abstract class IncidentStoreContract {

    protected abstract IncidentStore newStore() throws Exception;

    private IncidentStore store;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @BeforeEach
    void freshStore() throws Exception {
        store = newStore();
    }

    static Incident incident(String id, String component, Instant openedAt, IncidentState state, int entries) {
        Problem problem = new Problem(ProblemType.of("process_down"), component, Severity.HIGH, "pid 42 is not running", "health", openedAt);
        List<TimelineEntry> timeline = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            timeline.add(new TimelineEntry(i, openedAt.plusSeconds(i), TimelineEntry.Kind.values()[i % TimelineEntry.Kind.values().length],
                    "line " + i + " with = and \\ and\nnewline", Map.of("action", "restart_service", "k=" + i, "v\n" + i)));
        }
        return new Incident(id, component, state, Severity.HIGH, List.of(problem), openedAt, openedAt,
                state == IncidentState.RESOLVED ? Optional.of(openedAt.plusSeconds(60)) : Optional.empty(), timeline);
    }

    @Test
    void an_incident_comes_back_exactly_as_saved() {
        Incident saved = incident("inc-1", "worker", T0, IncidentState.OPEN, 5);

        store.save(saved);

        assertThat(store.find("inc-1")).contains(saved);
        assertThat(store.find("inc-404")).isEmpty();
    }

    @Test
    void a_problems_labels_come_back_with_it() {
        Problem labelled = new Problem(ProblemType.of("high_latency"), "payments", Severity.HIGH, "p99 2 s", "alertmanager", T0,
                Map.of("team", "payments", "alertname", "HighLatency", "note", "a=b\\c\nd"));
        Incident saved = new Incident("inc-l", "payments", IncidentState.OPEN, Severity.HIGH, List.of(labelled), T0, T0,
                Optional.empty(), List.of());

        store.save(saved);

        assertThat(store.find("inc-l").orElseThrow().problems().getFirst().labels())
                .isEqualTo(Map.of("team", "payments", "alertname", "HighLatency", "note", "a=b\\c\nd"));
        assertThat(store.find("inc-l")).contains(saved);
    }

    @Test
    void saving_again_updates_the_state_and_appends_only_the_new_timeline_entries() {
        store.save(incident("inc-1", "worker", T0, IncidentState.OPEN, 2));
        Incident later = incident("inc-1", "worker", T0, IncidentState.RESOLVED, 4);

        store.save(later);
        store.save(later);

        assertThat(store.find("inc-1")).contains(later);
    }

    @Test
    void a_timeline_never_shrinks() {
        store.save(incident("inc-1", "worker", T0, IncidentState.OPEN, 3));
        assertThatThrownBy(() -> store.save(incident("inc-1", "worker", T0, IncidentState.OPEN, 1)))
                .hasMessageContaining("timeline may only grow");
    }

    @Test
    void recent_lists_newest_first_and_unresolved_oldest_first() {
        store.save(incident("inc-a", "a", T0, IncidentState.RESOLVED, 1));
        store.save(incident("inc-b", "b", T0.plusSeconds(10), IncidentState.ESCALATED, 1));
        store.save(incident("inc-c", "c", T0.plusSeconds(20), IncidentState.MITIGATING, 1));

        assertThat(store.recent(2)).extracting(Incident::id).containsExactly("inc-c", "inc-b");
        assertThat(store.unresolved()).extracting(Incident::id).containsExactly("inc-b", "inc-c");
    }
}
