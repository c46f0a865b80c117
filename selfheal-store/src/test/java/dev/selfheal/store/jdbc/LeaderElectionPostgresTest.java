package dev.selfheal.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaderElection;
import dev.selfheal.cluster.Node;
import dev.selfheal.recovery.RecoveryJournalEntry;
import dev.selfheal.testing.PostgresTestDatabase;
import dev.selfheal.time.SystemScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Elections of several nodes on the real PostgreSQL, in real time (the lease expires on the
 * database's clock, which no test clock reaches): one leader at a time, a clean stop hands over
 * at once, and a paused leader stops acting before anyone else can start.
 */
class LeaderElectionPostgresTest {

    private static final LeaderElection.Settings SETTINGS =
            new LeaderElection.Settings("leader", Duration.ofMillis(800), Duration.ofMillis(150));
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static PostgresTestDatabase.Schema schema;
    private static Database database;
    private final SystemScheduler scheduler = new SystemScheduler("election-test");
    private final List<LeaderElection> elections = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

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
    }

    @AfterEach
    void stop() {
        elections.forEach(LeaderElection::close);
        executors.forEach(ExecutorService::shutdownNow);
        scheduler.close();
    }

    @Test
    void three_nodes_elect_one_leader_and_a_clean_stop_hands_over_at_once() {
        LeaderElection a = election("a", directExecutor());
        LeaderElection b = election("b", directExecutor());
        LeaderElection c = election("c", directExecutor());
        elections.forEach(LeaderElection::start);

        await().atMost(PATIENCE).until(() -> leaders() == 1);
        LeaderElection first = elections.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
        long firstToken = first.current().orElseThrow().value();
        assertThat(new JdbcLeaseStore(database).find("leader").orElseThrow().heldBy(first.node())).isTrue();

        first.close();

        await().atMost(Duration.ofSeconds(2)).until(() -> leaders() == 1 && !first.isLeader());
        LeaderElection second = elections.stream().filter(LeaderElection::isLeader).findFirst().orElseThrow();
        assertThat(second.current().orElseThrow().value()).isEqualTo(firstToken + 1);
        assertThat(log).contains("deposed " + first.node().id(), "elected " + second.node().id());
        assertThat(List.of(a, b, c)).filteredOn(LeaderElection::isLeader).containsExactly(second);
    }

    @Test
    void a_paused_leader_stops_acting_before_another_takes_over_and_its_write_is_refused_when_it_wakes() throws Exception {
        GatedExecutor pausable = new GatedExecutor(directExecutor());
        LeaderElection a = election("a", pausable);
        a.start();
        await().atMost(PATIENCE).until(a::isLeader);
        FencingToken old = a.current().orElseThrow();
        LeaderElection b = election("b", directExecutor());
        b.start();
        FencedRecoveryJournal aJournal = new FencedRecoveryJournal(database, a);
        log.clear();

        // b is read before a: b leading at t1 and a still leading at t2 > t1 is a real overlap
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean watching = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (watching.get()) {
                if (b.isLeader() && a.isLeader()) {
                    overlaps.incrementAndGet();
                }
                Thread.onSpinWait();
            }
        });

        pausable.pause(); // a's thread is frozen: no renewal, no deposition, as under SIGSTOP or a long GC

        await().atMost(PATIENCE).until(() -> a.current().isEmpty());
        await().atMost(PATIENCE).until(b::isLeader);
        watching.set(false);
        watcher.join();
        assertThat(overlaps).as("a stopped acting on its own clock before b could take the lease").hasValue(0);
        assertThat(b.current().orElseThrow().value()).isGreaterThan(old.value());
        assertThat(log).doesNotContain("deposed a");

        assertThatThrownBy(() -> aJournal.begin(step("step-a"))).isInstanceOf(FencedOutException.class);
        assertThatThrownBy(() -> new FencedRecoveryJournal(database, () -> java.util.Optional.of(old)).begin(step("step-a2")))
                .as("even with its old token in hand, the database refuses it").isInstanceOf(FencedOutException.class);

        pausable.resume();

        await().atMost(PATIENCE).until(() -> log.contains("deposed a"));
        assertThat(a.isLeader()).isFalse();
        assertThat(b.isLeader()).isTrue();
        assertThat(aJournal.running()).isEmpty();
    }

    private long leaders() {
        return elections.stream().filter(LeaderElection::isLeader).count();
    }

    private LeaderElection election(String id, Executor executor) {
        LeaderElection election = new LeaderElection(new JdbcLeaseStore(database), Node.started(id, id + ":1"), SETTINGS,
                scheduler, executor);
        election.addListener(new LeaderElection.Listener() {
            @Override
            public void elected(FencingToken token) {
                log.add("elected " + id);
            }

            @Override
            public void deposed(FencingToken token, String reason) {
                log.add("deposed " + id);
            }
        });
        elections.add(election);
        return election;
    }

    private Executor directExecutor() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        executors.add(executor);
        return executor;
    }

    private static RecoveryJournalEntry step(String id) {
        return RecoveryJournalEntry.running(id, "inc-1", "api", "api", "restart_service", false, Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** An executor whose tasks wait while it is paused, as a frozen process's would. */
    private static final class GatedExecutor implements Executor {
        private final Executor delegate;
        private final List<Runnable> held = new ArrayList<>();
        private boolean paused;

        GatedExecutor(Executor delegate) {
            this.delegate = delegate;
        }

        synchronized void pause() {
            paused = true;
        }

        synchronized void resume() {
            paused = false;
            held.forEach(delegate::execute);
            held.clear();
        }

        @Override
        public synchronized void execute(Runnable task) {
            if (paused) {
                held.add(task);
            } else {
                delegate.execute(task);
            }
        }
    }
}
