package dev.selfheal.resilience;

import java.time.Instant;
import java.util.List;

/**
 * The durable outbox: calls that could not be made are parked here and replayed later, in
 * parking order per integration, at least once. Implementations: {@link InMemoryOutboxStore}
 * (tests, embedded use without a database) and the JDBC store in {@code selfheal-store}.
 * Each runs the contract kit {@code OutboxStoreContract} from the core test jar.
 *
 * <p>A parked call stays until it is delivered (then it is removed) or found undeliverable
 * (then it is kept as dead, out of the replay queue, for a person to look at). Nothing is
 * removed when a process dies: a call parked and not yet delivered is replayed after restart.
 */
public interface OutboxStore {

    /**
     * Parks a call. When {@code (integration, idempotencyKey)} is already pending, nothing is
     * written and the entry already parked is returned: parking is idempotent too.
     */
    OutboxEntry park(String integration, String operation, String idempotencyKey, String payload, Instant parkedAt);

    /** Up to {@code limit} pending (not delivered, not dead) entries of {@code integration}, oldest first. */
    List<OutboxEntry> pending(String integration, int limit);

    /** How many entries of {@code integration} are pending. */
    long pendingCount(String integration);

    /** The entry was delivered: it leaves the outbox. Unknown ids are ignored (a repeat is harmless). */
    void markDelivered(long id);

    /** A replay failed and will be tried again later; counts the attempt and keeps the reason. */
    void recordFailure(long id, String error, Instant at);

    /** The entry can never be delivered (the far side refused it): it leaves the replay queue and is kept as dead. */
    void markDead(long id, String error, Instant at);

    /** Up to {@code limit} dead entries of {@code integration}, oldest first. */
    List<OutboxEntry> dead(String integration, int limit);
}
