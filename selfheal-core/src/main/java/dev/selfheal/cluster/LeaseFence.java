package dev.selfheal.cluster;

import java.util.Optional;

/**
 * Asked before a node acts: under which token may it act now? Empty means not at all (it does
 * not hold the lease, or its lease may have lapsed). A store that writes on the leader's behalf
 * then checks the token again in the write's own transaction, since the answer here can be
 * stale by the time the write arrives.
 */
@FunctionalInterface
public interface LeaseFence {

    /** The token to act under now, or empty when this node must not act. */
    Optional<FencingToken> current();

    /** A node alone on its store: it may always act. */
    static LeaseFence singleNode() {
        Optional<FencingToken> token = Optional.of(FencingToken.SINGLE_NODE);
        return () -> token;
    }
}
