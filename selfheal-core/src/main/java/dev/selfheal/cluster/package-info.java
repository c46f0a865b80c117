/**
 * Several nodes, one acting: membership, leases with fencing tokens, and the leader election
 * that runs on them.
 *
 * <p>Every node heartbeats a row and contends for one lease ({@link dev.selfheal.cluster.LeaseStore},
 * kept in the shared database: the JDBC implementation is in {@code selfheal-store}). The store
 * computes expiry on the database's clock, so nodes whose clocks disagree still agree on who
 * holds the lease. Each acquisition hands out a larger {@link dev.selfheal.cluster.FencingToken};
 * writes that must come from the leader carry it and the store refuses an old one
 * ({@link dev.selfheal.cluster.FencedOutException}). {@link dev.selfheal.cluster.LeaderElection}
 * keeps this node's view, and bounds it with the monotonic clock: a node that paused longer
 * than its lease stops acting the moment it wakes, before it learns who leads now.
 *
 * <p>Layer: guards (beside {@code resilience}): recovery fences its steps with
 * {@link dev.selfheal.cluster.LeaseFence}. Uses {@code time}.
 */
package dev.selfheal.cluster;
