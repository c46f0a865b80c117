package dev.selfheal.cluster;

/**
 * What a leader's writes carry: the lease, its holder and the token of the acquisition they were
 * made under. The store accepts the write only while that lease is still held with that token.
 */
public record FencingToken(String lease, String holder, String instance, long value) {

    /** The token of a node that is alone: nothing to fence against. */
    public static final FencingToken SINGLE_NODE = new FencingToken("single-node", "local", "", 0);

    @Override
    public String toString() {
        return "%s#%d@%s".formatted(lease, value, holder);
    }
}
