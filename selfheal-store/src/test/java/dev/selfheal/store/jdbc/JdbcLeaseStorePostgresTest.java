package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.Lease;
import dev.selfheal.cluster.Member;
import dev.selfheal.cluster.Node;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases, tokens and fenced journal writes on the real PostgreSQL, with several contenders. */
class JdbcLeaseStorePostgresTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static PostgresTestDatabase.Schema schema;
    private static Database database;
    private JdbcLeaseStore store;

    @BeforeAll
    static void open() {
        schema = PostgresTestDatabase.freshSchema();
        database = Database.open(schema.url(), schema.user(), null);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @BeforeEach
    void empty() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE cluster_leases, cluster_nodes, recovery_journal"));
        store = new JdbcLeaseStore(database);
    }

    @Test
    void of_eight_nodes_contending_at_the_same_instant_exactly_one_holds_the_lease() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String name = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<Optional<Lease>>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Node node = Node.started("node-" + i, "127.0.0.1:" + (9000 + i));
                    Callable<Optional<Lease>> attempt = () -> {
                        start.await();
                        return store.acquire(name, node, LONG);
                    };
                    attempts.add(threads.submit(attempt));
                }
                List<Lease> won = new ArrayList<>();
                for (Future<Optional<Lease>> attempt : attempts) {
                    attempt.get().ifPresent(won::add);
                }
                assertThat(won).as("round %d", round).hasSize(1);
                assertThat(won.getFirst().token()).isEqualTo(1);
                assertThat(store.find(name)).contains(won.getFirst());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void the_holder_renews_under_the_same_token_and_a_live_lease_is_not_taken() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        Lease first = store.acquire("leader", a, LONG).orElseThrow();
        Lease renewed = store.acquire("leader", a, LONG).orElseThrow();

        assertThat(renewed.token()).isEqualTo(first.token());
        assertThat(renewed.acquiredAt()).isEqualTo(first.acquiredAt());
        assertThat(renewed.expiresAt()).isAfterOrEqualTo(first.expiresAt());
        assertThat(store.acquire("leader", b, LONG)).isEmpty();
        assertThat(store.find("leader").orElseThrow().heldBy(a)).isTrue();
    }

    @Test
    void a_lapsed_lease_goes_to_the_next_contender_with_a_larger_token() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        long first = store.acquire("leader", a, Duration.ofMillis(300)).orElseThrow().token();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.acquire("leader", b, LONG).isPresent());

        Lease taken = store.find("leader").orElseThrow();
        assertThat(taken.heldBy(b)).isTrue();
        assertThat(taken.token()).isEqualTo(first + 1);
        assertThat(store.acquire("leader", a, LONG)).as("the old holder cannot renew a lease it lost").isEmpty();
    }

    @Test
    void a_holder_coming_back_to_its_own_lapsed_lease_gets_a_new_token() {
        Node a = Node.started("a", "a:1");
        long first = store.acquire("leader", a, Duration.ofMillis(200)).orElseThrow().token();
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.isCurrent(new FencingToken("leader", "a", a.instance(), first)));

        assertThat(store.acquire("leader", a, LONG).orElseThrow().token()).isEqualTo(first + 1);
    }

    @Test
    void a_second_process_with_the_same_node_id_does_not_share_the_lease() {
        Node first = Node.started("same", "x:1");
        Node second = Node.started("same", "x:2");
        store.acquire("leader", first, LONG).orElseThrow();

        assertThat(store.acquire("leader", second, LONG)).isEmpty();
    }

    @Test
    void a_released_lease_is_taken_at_once_and_only_its_holder_can_release_it() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        long token = store.acquire("leader", a, LONG).orElseThrow().token();

        assertThat(store.release("leader", b, token)).isFalse();
        assertThat(store.release("leader", a, token + 1)).isFalse();
        assertThat(store.release("leader", a, token)).isTrue();
        assertThat(store.acquire("leader", b, LONG).orElseThrow().token()).isEqualTo(token + 1);
    }

    @Test
    void heartbeats_list_the_members_with_their_silence_on_the_database_clock() {
        Node a = Node.started("a", "127.0.0.1:8081");
        Node b = Node.started("b", "127.0.0.1:8082");
        store.heartbeat(a);
        store.heartbeat(b);
        store.heartbeat(a);

        List<Member> members = store.members();
        assertThat(members).extracting(Member::nodeId).containsExactly("a", "b");
        assertThat(members).allMatch(m -> m.aliveWithin(Duration.ofMinutes(1)));
        assertThat(members.getFirst().address()).isEqualTo("127.0.0.1:8081");
        Instant dbNow = store.now();
        assertThat(members).allMatch(m -> !m.heartbeatAt().isAfter(dbNow));
    }

    @Test
    void a_stale_leaders_journal_write_is_refused_and_the_current_leaders_is_recorded_with_its_token() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        FencingToken stale = store.acquire("leader", a, Duration.ofMillis(200)).orElseThrow().fencingToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.acquire("leader", b, LONG).isPresent());
        FencingToken current = store.find("leader").orElseThrow().fencingToken();
        // the stale node still believes it leads: its own view is not asked, the database is
        FencedRecoveryJournal staleJournal = new FencedRecoveryJournal(database, () -> Optional.of(stale));
        FencedRecoveryJournal currentJournal = new FencedRecoveryJournal(database, () -> Optional.of(current));

        assertThatThrownBy(() -> staleJournal.begin(step("step-stale")))
                .isInstanceOf(FencedOutException.class)
                .hasMessageContaining("token " + stale.value());
        currentJournal.begin(step("step-current"));

        assertThat(staleJournal.find("step-stale")).isEmpty();
        assertThat(currentJournal.running()).extracting(RecoveryJournalEntry::stepId).containsExactly("step-current");
        assertThat(currentJournal.tokenOf("step-current")).contains(current.value());
    }

    @Test
    void a_stale_leaders_incident_write_is_refused_and_nothing_of_it_is_stored() {
        Node a = Node.started("a", "a:1");
        Node b = Node.started("b", "b:1");
        FencingToken stale = store.acquire("leader", a, Duration.ofMillis(200)).orElseThrow().fencingToken();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.acquire("leader", b, LONG).isPresent());
        FencingToken current = store.find("leader").orElseThrow().fencingToken();
        FencedIncidentStore staleStore = new FencedIncidentStore(database, () -> Optional.of(stale));
        FencedIncidentStore currentStore = new FencedIncidentStore(database, () -> Optional.of(current));
        dev.selfheal.incident.Incident incident = dev.selfheal.incident.Incident.open("inc-1", new dev.selfheal.incident.Problem(
                dev.selfheal.incident.ProblemType.COMPONENT_UNHEALTHY, "api", dev.selfheal.incident.Severity.HIGH, "down", "test",
                Instant.parse("2026-01-01T00:00:00Z")));

        assertThatThrownBy(() -> staleStore.save(incident)).isInstanceOf(FencedOutException.class)
                .hasMessageContaining("token " + stale.value());
        assertThat(currentStore.find("inc-1")).isEmpty();
        currentStore.save(incident);
        assertThat(staleStore.find("inc-1")).isPresent();
    }

    @Test
    void a_fenced_write_whose_connections_were_all_cut_is_done_on_a_fresh_one() throws Exception {
        String app = "fenced-retry-" + System.nanoTime();
        Node a = Node.started("a", "a:1");
        try (Database cut = Database.open(schema.url() + (schema.url().contains("?") ? "&" : "?") + "ApplicationName=" + app,
                schema.user(), null)) {
            JdbcLeaseStore leases = new JdbcLeaseStore(cut);
            FencingToken token = leases.acquire("leader", a, LONG).orElseThrow().fencingToken();
            FencedIncidentStore incidents = new FencedIncidentStore(cut, () -> Optional.of(token));
            dev.selfheal.incident.Incident incident = dev.selfheal.incident.Incident.open("inc-cut", new dev.selfheal.incident.Problem(
                    dev.selfheal.incident.ProblemType.COMPONENT_UNHEALTHY, "api", dev.selfheal.incident.Severity.HIGH, "down", "test",
                    Instant.parse("2026-01-01T00:00:00Z")));
            incidents.save(incident);

            // When every connection of the node is terminated by the server
            java.util.Properties user = new java.util.Properties();
            user.setProperty("user", schema.user());
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(schema.url(), user);
                 java.sql.PreparedStatement kill = admin.prepareStatement(
                         "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
                kill.setString(1, app);
                try (java.sql.ResultSet rs = kill.executeQuery()) {
                    rs.next();
                    assertThat(rs.getInt(1)).isPositive();
                }
            }

            // Then the next fenced write still lands, on a fresh connection
            incidents.save(incident.withState(dev.selfheal.incident.IncidentState.MITIGATING, Instant.parse("2026-01-01T00:00:01Z")));
            assertThat(incidents.find("inc-cut")).get().extracting(dev.selfheal.incident.Incident::state)
                    .isEqualTo(dev.selfheal.incident.IncidentState.MITIGATING);
        }
    }

    @Test
    void a_node_that_holds_no_lease_begins_no_step() {
        FencedRecoveryJournal journal = new FencedRecoveryJournal(database, Optional::empty);

        assertThatThrownBy(() -> journal.begin(step("step-1"))).isInstanceOf(FencedOutException.class)
                .hasMessageContaining("does not hold the lease");
        assertThat(journal.running()).isEmpty();
    }

    @Test
    void cluster_mode_on_sqlite_is_refused_with_a_clear_error(@TempDir Path dir) {
        try (Database sqlite = Database.open("jdbc:sqlite:" + dir.resolve("one.db"))) {
            assertThatThrownBy(() -> new JdbcLeaseStore(sqlite)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cluster mode needs PostgreSQL");
        }
    }

    private static RecoveryJournalEntry step(String id) {
        return RecoveryJournalEntry.running(id, "inc-1", "api", "api", "restart_service", false, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
