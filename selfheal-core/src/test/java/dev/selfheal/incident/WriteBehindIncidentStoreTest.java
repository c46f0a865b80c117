package dev.selfheal.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.selfheal.events.EventBus;
import dev.selfheal.incident.lifecycle.IncidentManager;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Incidents open and change while the store refuses every write (a full disk), and reach it once space is back. */
class WriteBehindIncidentStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The in-memory store behind a disk that is full until the test frees it. */
    private static final class FullDisk implements IncidentStore {
        final InMemoryIncidentStore stored = new InMemoryIncidentStore();
        volatile boolean full = true;
        volatile int refused;

        @Override
        public void save(Incident incident) {
            if (full) {
                refused++;
                throw new IllegalStateException("[SQLITE_FULL] database or disk is full");
            }
            stored.save(incident);
        }

        @Override
        public Optional<Incident> find(String id) {
            return stored.find(id);
        }

        @Override
        public List<Incident> recent(int limit) {
            return stored.recent(limit);
        }

        @Override
        public List<Incident> unresolved() {
            return stored.unresolved();
        }
    }

    private final FullDisk disk = new FullDisk();
    private final WriteBehindIncidentStore store = new WriteBehindIncidentStore(disk);

    @AfterEach
    void close() {
        disk.full = false;
        store.close();
    }

    @Test
    void aProblemOpensAnIncidentThatChangesAndIsReadWhileTheDiskRefusesEveryWrite() {
        IncidentManager incidents = new IncidentManager(store, new EventBus(), InstantSource.fixed(T0), Duration.ofMinutes(5));

        IncidentManager.Accepted accepted = incidents.accept(problem("worker"));
        incidents.transition(accepted.incident().id(), IncidentState.MITIGATING, "restarting worker");
        incidents.note(accepted.incident().id(), TimelineEntry.Kind.DECISION, "restart_service chosen", Map.of());

        assertThat(accepted.opened()).isTrue();
        assertThat(incidents.unresolvedFor("worker")).isPresent();
        assertThat(store.find(accepted.incident().id())).map(Incident::state).contains(IncidentState.MITIGATING);
        assertThat(store.unresolved()).extracting(Incident::id).containsExactly(accepted.incident().id());
        assertThat(store.recent(10)).hasSize(1);
        await().atMost(PATIENCE).until(() -> disk.refused > 0 && store.isFailing());
        assertThat(store.pendingCount()).isEqualTo(1);
        assertThat(disk.stored.find(accepted.incident().id())).isEmpty();
    }

    @Test
    void onceSpaceIsBackTheLatestVersionIsStoredWithEveryChangeMadeMeanwhile() {
        IncidentManager incidents = new IncidentManager(store, new EventBus(), InstantSource.fixed(T0), Duration.ofMinutes(5));
        String id = incidents.accept(problem("worker")).incident().id();
        await().atMost(PATIENCE).until(() -> disk.refused > 0);
        incidents.accept(problem("worker"));
        incidents.transition(id, IncidentState.MITIGATING, "restarting worker");

        disk.full = false;

        await().atMost(PATIENCE).until(() -> store.pendingCount() == 0);
        Incident stored = disk.stored.find(id).orElseThrow();
        assertThat(stored.problems()).hasSize(2);
        assertThat(stored.state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(stored.timeline()).hasSize(incidents.get(id).orElseThrow().timeline().size());
        assertThat(store.isFailing()).isFalse();
        assertThat(store.failureCount()).isPositive();
    }

    @Test
    void closeWritesWhatIsPendingWhenTheStoreTakesIt() {
        IncidentManager incidents = new IncidentManager(store, new EventBus(), InstantSource.fixed(T0), Duration.ofMinutes(5));
        String id = incidents.accept(problem("db")).incident().id();

        disk.full = false;
        store.close();

        assertThat(disk.stored.find(id)).isPresent();
    }

    private static Problem problem(String component) {
        return new Problem(ProblemType.PROCESS_DOWN, component, Severity.HIGH, component + " is not running", "test", T0);
    }
}
