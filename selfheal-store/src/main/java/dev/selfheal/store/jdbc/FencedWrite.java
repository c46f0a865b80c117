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
 * {@link FencedOutException} naming what was refused. A write whose connection turns out cut
 * (every connection of the node dropped by {@code pg_terminate_backend}, a database failover) is
 * tried again on another: an engine that sees a half-done run's write fail leaves the incident
 * for nobody until a takeover.
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
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(h -> {
                    if (!JdbcLeaseStore.isCurrent(h, token)) {
                        throw new FencedOutException("%s refused: token %d of lease '%s' is no longer current"
                                .formatted(what, token.value(), token.lease()));
                    }
                    write.in(h, token);
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= CONNECTION_ATTEMPTS || !connectionLost(e)) {
                    throw e;
                }
                // The pool's connection was cut (the server terminated it, a failover, a network cut): the
                // pool drops it and the next attempt runs on another. The writes are idempotent (an upsert,
                // a claim by the same holder and token) or fail loudly on a retry (a step id begun twice).
            }
        }
    }

    /**
     * How many connections a fenced write tries when each one it gets turns out cut: one more than
     * a PostgreSQL pool holds (4, see {@link Database}), so that after all of them were cut at once
     * the last attempt runs on a connection opened after the cut.
     */
    static final int CONNECTION_ATTEMPTS = 5;

    /** Whether {@code e} came from a connection that was cut (SQLSTATE class 08, or 57P01-57P03: terminated by the server). */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
