package dev.selfheal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Leases and node heartbeats in the store every node shares. Every time is the store's own
 * clock, read in the statement that uses it, so no two nodes disagree about expiry because
 * their clocks differ.
 *
 * <p>Implementations: JDBC on PostgreSQL in {@code selfheal-store}; each runs
 * {@code LeaseStoreContract}. Thread-safe.
 */
public interface LeaseStore {

    /**
     * Acquires the lease for {@code node}, or renews it when {@code node} holds it: it then
     * expires {@code ttl} after now (the store's now). A lease held by another node and not
     * expired is left alone and the call returns empty. The token grows when the holder changes,
     * and when a holder comes back to its own lapsed lease.
     */
    Optional<Lease> acquire(String name, Node node, Duration ttl);

    /** Ends {@code node}'s lease at once (a clean stop), if it still holds it with {@code token}. */
    boolean release(String name, Node node, long token);

    /** The lease as stored, expired or not. */
    Optional<Lease> find(String name);

    /** Whether {@code token} is the current, unexpired token of its lease. */
    boolean isCurrent(FencingToken token);

    /** Records that {@code node} is alive now. */
    void heartbeat(Node node);

    /** Every node that ever heartbeat, with how long each has been silent. */
    List<Member> members();

    /** The store's clock. */
    Instant now();
}
