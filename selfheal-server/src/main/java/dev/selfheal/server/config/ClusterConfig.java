package dev.selfheal.server.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code cluster:} section: present when this daemon is one of several nodes sharing one
 * PostgreSQL store; absent on a single node.
 *
 * @param nodeId    this node's name, unique in the cluster (shown by {@code GET /api/cluster})
 * @param lease     how long a renewal keeps the leader's lease (default 3 s): the longest a dead
 *                  leader keeps the others waiting
 * @param renew     how often every node heartbeats and tries the lease (default 1 s; shorter than the lease)
 * @param advertise the address other nodes and operators reach this node's API at (default
 *                  {@code server.bind:server.port})
 */
public record ClusterConfig(Optional<String> nodeId, Duration lease, Duration renew, Optional<String> advertise) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(3);
    public static final Duration DEFAULT_RENEW = Duration.ofSeconds(1);

    /** A single node: no cluster. */
    public static ClusterConfig none() {
        return new ClusterConfig(Optional.empty(), DEFAULT_LEASE, DEFAULT_RENEW, Optional.empty());
    }

    public static ClusterConfig of(String nodeId, Duration lease, Duration renew) {
        return new ClusterConfig(Optional.of(nodeId), lease, renew, Optional.empty());
    }

    public boolean enabled() {
        return nodeId.isPresent();
    }
}
