package dev.selfheal.server.daemon;

import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaderElection;
import dev.selfheal.cluster.LeaseFence;
import dev.selfheal.cluster.Node;
import dev.selfheal.incident.IncidentStore;
import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.server.config.ClusterConfig;
import dev.selfheal.store.jdbc.Database;
import dev.selfheal.store.jdbc.FencedIncidentStore;
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
 * on the shared PostgreSQL, the fenced journal, and the switch that runs the healing loop only
 * while this node leads. A follower keeps running its checks (it sees the whole health picture)
 * but reports no problem and takes no action; when it is elected it reads the incidents the
 * previous leader left, marks that leader's unfinished steps INTERRUPTED, and takes over.
 */
final class ClusterWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);

    private final ClusterConfig config;
    private final JdbcLeaseStore store;
    private final Database database;
    private final Scheduler scheduler;
    private final ExecutorService executor;
    private volatile LeaderElection election;

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

    boolean isLeader() {
        LeaderElection e = election;
        return e != null && e.isLeader();
    }

    /** The election, once started: what {@code GET /api/cluster} shows. */
    Optional<LeaderElection> election() {
        return Optional.ofNullable(election);
    }

    /** Starts contending under {@code address} (where this node's API answers); {@code listener} switches the loop. */
    synchronized void start(String address, LeaderElection.Listener listener) {
        if (election != null) {
            return;
        }
        Node node = Node.started(config.nodeId().orElseThrow(), config.advertise().orElse(address));
        LeaderElection e = new LeaderElection(store, node, new LeaderElection.Settings(LeaderElection.Settings.LEADER,
                config.lease(), config.renew()), scheduler, executor);
        e.addListener(listener);
        election = e;
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
