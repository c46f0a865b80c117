package dev.selfheal.server.api;

import dev.selfheal.cluster.CheckPlacement;
import dev.selfheal.cluster.LeaderElection;
import dev.selfheal.cluster.Lease;
import dev.selfheal.cluster.Member;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /api/cluster}: the nodes (from the heartbeat table, with how long each has been
 * silent on the database's clock, and the checks each runs), the leader and its fencing token, and whether this node
 * leads. Read from the shared database at each request, so every node answers the same. A
 * single node answers {@code "mode": "single-node"}.
 */
public final class ClusterRoutes {

    private final Supplier<Optional<LeaderElection>> election;
    private final Supplier<List<String>> checks;

    public ClusterRoutes(Supplier<Optional<LeaderElection>> election) {
        this(election, List::of);
    }

    /** {@code checks}: the names of the configured checks, shown under the node that runs each. */
    public ClusterRoutes(Supplier<Optional<LeaderElection>> election, Supplier<List<String>> checks) {
        this.election = election;
        this.checks = checks;
    }

    /** {@code checks}: what rendezvous hashing gives the node among the nodes alive now (none when it is not alive). */
    record NodeView(String id, String address, Instant startedAt, Instant heartbeatAt, long silentMs, boolean alive,
                    boolean leader, List<String> checks) { }

    record LeaseView(String name, String holder, long token, Instant acquiredAt, Instant expiresAt, boolean expired) { }

    /** {@code token}, {@code leader} and {@code lease} are null when there is none (JSON null). */
    record ClusterView(String mode, String node, boolean leading, Long token, String leader, LeaseView lease, long leaseMs, long renewMs, Instant databaseTime, List<NodeView> nodes) { }

    public void register(Javalin app) {
        app.get("/api/cluster", this::cluster);
    }

    private void cluster(Context ctx) {
        Optional<LeaderElection> found = election.get();
        if (found.isEmpty()) {
            ctx.json(new ClusterView("single-node", "local", true, null, null, null,
                    0, 0, Instant.now(), List.of()));
            return;
        }
        LeaderElection e = found.get();
        Instant now;
        Optional<Lease> lease;
        List<Member> members;
        try {
            now = e.store().now();
            lease = e.store().find(e.settings().lease());
            members = e.store().members();
        } catch (RuntimeException failure) {
            throw new ApiException(503, "store_unavailable", "the cluster tables cannot be read: " + failure.getMessage());
        }
        Optional<Lease> live = lease.filter(l -> l.expiresAt().isAfter(now));
        long aliveWithin = e.settings().ttl().minus(e.settings().renew()).toMillis();
        List<String> alive = members.stream().filter(m -> m.silentFor().toMillis() < aliveWithin).map(Member::nodeId).toList();
        java.util.Map<String, List<String>> owned = new java.util.HashMap<>();
        for (String check : checks.get()) {
            CheckPlacement.owner(check, alive).ifPresent(owner -> owned.computeIfAbsent(owner, k -> new java.util.ArrayList<>()).add(check));
        }
        List<NodeView> nodes = members.stream().map(m -> new NodeView(m.nodeId(), m.address(), m.startedAt(), m.heartbeatAt(),
                m.silentFor().toMillis(), m.silentFor().toMillis() < aliveWithin,
                live.isPresent() && live.get().holder().equals(m.nodeId()) && live.get().instance().equals(m.instance()),
                owned.getOrDefault(m.nodeId(), List.of()))).toList();
        ctx.json(new ClusterView("cluster", e.node().id(), e.isLeader(), e.current().map(t -> t.value()).orElse(null),
                live.map(Lease::holder).orElse(null), lease.map(l -> new LeaseView(l.name(), l.holder(), l.token(), l.acquiredAt(),
                        l.expiresAt(), !l.expiresAt().isAfter(now))).orElse(null), e.settings().ttl().toMillis(), e.settings().renew().toMillis(), now, nodes));
    }
}
