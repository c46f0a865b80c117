package dev.selfheal.server.daemon;

import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaderElection;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.cluster.Node;
import dev.selfheal.alerting.NotificationLog;
import dev.selfheal.events.EventBus;
import dev.selfheal.health.HealthCheckManager;
import dev.selfheal.incident.IncidentStore;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.server.config.ClusterConfig;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.FencedIncidentStore;
import dev.selfheal.store.jdbc.FencedNotificationLog;
import dev.selfheal.store.jdbc.JdbcClusterCheckResults;
import dev.selfheal.store.jdbc.FencedRecoveryJournal;
import dev.selfheal.store.jdbc.JdbcLeaseStore;
import dev.selfheal.time.Scheduler;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This daemon as one node of a cluster ({@code cluster:} in the config): the leader election
 * on the shared PostgreSQL, the fenced journal and notification log, the switch that runs the
 * healing loop only while this node leads, and the shared checks: each node runs the checks
 * rendezvous hashing gives it among the live nodes and sees the others' results through the
 * store ({@link SharedHealth}). A follower reports no problem and takes no action; when it is
 * elected it reads the incidents the previous leader left, marks that leader's unfinished steps
 * INTERRUPTED, and takes over.
 */
final class ClusterWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);
    /**
     * How long a sent notification keeps an identical one (same receiver, kind, group, alerts and
     * incidents) from going out again from any node: longer than any failover, shorter than a
     * person would want to wait for a deliberate repeat.
     */
    static final java.time.Duration NOTIFICATION_WINDOW = java.time.Duration.ofMinutes(10);

    private final ClusterConfig config;
    private final JdbcLeaseStore store;
    private final Database database;
    private final Scheduler scheduler;
    private final ExecutorService executor;
    private volatile LeaderElection election;
    private volatile SharedHealth sharedHealth;

    private ClusterWiring(ClusterConfig config, Database database, Scheduler scheduler) {
        this.config = config;
        this.database = database;
        this.store = new JdbcLeaseStore(database);
        this.scheduler = scheduler;
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("selfheal-election").factory());
    }

    static Optional<ClusterWiring> create(ClusterConfig config, Database database, Scheduler scheduler) {
        return config.enabled() ? Optional.of(new ClusterWiring(config, database, scheduler)) : Optional.empty();
    }

    /** The token to act under, or none while this node does not lead (none before {@link #start}). */
    LeaseFence fence() {
        return () -> {
            LeaderElection e = election;
            return e == null ? Optional.empty() : e.current();
        };
    }

    IncidentStore incidentStore() {
        return new FencedIncidentStore(database, fence());
    }

    RecoveryJournal journal() {
        return new FencedRecoveryJournal(database, fence());
    }

    /** The cluster's notification log: a notification is recorded under the lease before it is sent. */
    NotificationLog notificationLog() {
        return new FencedNotificationLog(database, fence(), NOTIFICATION_WINDOW);
    }

    /** Whether this node runs {@code check} now (every check until the election has read who is alive). */
    boolean runsCheck(String check) {
        LeaderElection e = election;
        return e == null || e.runsCheck(check);
    }

    boolean isLeader() {
        LeaderElection e = election;
        return e != null && e.isLeader();
    }

    /** The election, once started: what {@code GET /api/cluster} shows. */
    Optional<LeaderElection> election() {
        return Optional.ofNullable(election);
    }

    /** Starts contending under {@code address} (where this node's API answers); {@code listener} switches the loop. */
    synchronized void start(String address, LeaderElection.Listener listener, HealthCheckManager health, EventBus bus) {
        if (election != null) {
            return;
        }
        Node node = Node.started(config.nodeId().orElseThrow(), config.advertise().orElse(address));
        LeaderElection e = new LeaderElection(store, node, new LeaderElection.Settings(LeaderElection.Settings.LEADER,
                config.lease(), config.renew()), scheduler, executor);
        e.addListener(listener);
        election = e;
        sharedHealth = new SharedHealth(new JdbcClusterCheckResults(database), health, bus, node);
        log.info("event=cluster_node_started node={} instance={} address={}", node.id(), node.instance(), node.address());
        e.start();
    }

    /** Hands the lease back (another node takes over at its next attempt) and stops contending. */
    @Override
    public void close() {
        LeaderElection e = election;
        if (e != null) {
            e.close();
        }
        SharedHealth shared = sharedHealth;
        if (shared != null) {
            shared.close();
        }
        executor.shutdown();
    }

    /** A listener from two actions. */
    static LeaderElection.Listener listener(java.util.function.Consumer<FencingToken> elected,
                                            java.util.function.BiConsumer<FencingToken, String> deposed) {
        return new LeaderElection.Listener() {
            @Override
            public void elected(FencingToken token) {
                elected.accept(token);
            }

            @Override
            public void deposed(FencingToken token, String reason) {
                deposed.accept(token, reason);
            }
        };
    }
}
