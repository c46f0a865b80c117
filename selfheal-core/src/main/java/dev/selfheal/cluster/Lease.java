package dev.selfheal.cluster;

import java.time.Instant;

/**
 * A lease as the database holds it. Times are the database's.
 *
 * @param token grows on every acquisition by a new holder, or by the same holder after its
 *              lease lapsed; a write carrying a smaller token comes from a deposed holder
 */
public record Lease(String name, String holder, String instance, long token, Instant acquiredAt, Instant expiresAt) {

    /** Whether {@code node} (this very process) holds it. */
    public boolean heldBy(Node node) {
        return holder.equals(node.id()) && instance.equals(node.instance());
    }

    public FencingToken fencingToken() {
        return new FencingToken(name, holder, instance, token);
    }
}
