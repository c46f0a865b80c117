package dev.selfheal.store.jdbc;

import dev.selfheal.cluster.FencedOutException;
import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.LeaseFence;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A write done only under the current lease, the one rule every fenced store follows: the
 * node's token is checked in the write's own transaction ({@link JdbcLeaseStore#isCurrent} reads
 * the lease row {@code FOR SHARE}, so no other node can take the lease before the write commits),
 * and a node without the lease, or with a token no longer current, writes nothing and gets
 * {@link FencedOutException} naming what was refused.
 */
final class FencedWrite {

    /** The write itself, in the fenced transaction, with the token it is done under. */
    @FunctionalInterface
    interface Write {
        void in(Handle handle, FencingToken token);
    }

    private final Jdbi jdbi;
    private final LeaseFence fence;

    /** Refuses SQLite with the cluster's own message: fencing needs the cluster's lease table. */
    FencedWrite(Database database, LeaseFence fence) {
        new JdbcLeaseStore(database);
        this.jdbi = database.jdbi();
        this.fence = fence;
    }

    /**
     * Runs {@code write} under the lease. {@code what} names the write in the refusal
     * ("incident inc-1", "step s-1 of restart"), {@code notDone} says what did not happen
     * without a lease ("not written", "not begun").
     */
    void run(String what, String notDone, Write write) {
        FencingToken token = fence.current().orElseThrow(() -> new FencedOutException(
                "%s %s: this node does not hold the lease".formatted(what, notDone)));
        jdbi.useTransaction(h -> {
            if (!JdbcLeaseStore.isCurrent(h, token)) {
                throw new FencedOutException("%s refused: token %d of lease '%s' is no longer current"
                        .formatted(what, token.value(), token.lease()));
            }
            write.in(h, token);
        });
    }
}
