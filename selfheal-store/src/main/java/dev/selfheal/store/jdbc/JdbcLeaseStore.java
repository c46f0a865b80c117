package dev.selfheal.store.jdbc;

import dev.selfheal.cluster.FencingToken;
import dev.selfheal.cluster.Lease;
import dev.selfheal.cluster.LeaseStore;
import dev.selfheal.cluster.Member;
import dev.selfheal.cluster.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Leases and heartbeats in PostgreSQL. Every time is {@code clock_timestamp()} of the server,
 * read in the statement that uses it, so the nodes' clocks never enter a decision.
 *
 * <p>Acquiring is one {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE}: the row is taken when
 * it is free, expired, or this very process's; the update bumps the token unless the holder is
 * renewing a live lease. PostgreSQL locks the row for the statement, so two contenders never
 * both see it free. {@link #isCurrent} reads the row {@code FOR SHARE}: inside a transaction
 * that then writes, no acquisition can commit in between (see {@link FencedRecoveryJournal}).
 *
 * <p>SQLite is refused: its file is one machine's, so a second node could not share it.
 */
public final class JdbcLeaseStore implements LeaseStore {

    /** The server's clock in epoch milliseconds. */
    static final String DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT";

    private static final String LEASE_COLUMNS = "name, holder, instance, token, acquired_at_ms, expires_at_ms";
    private static final RowMapper<Lease> LEASE = (rs, ctx) -> new Lease(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)));

    private final Jdbi jdbi;

    public JdbcLeaseStore(Database database) {
        if (database.dialect() != Database.Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("cluster mode needs PostgreSQL (store.url jdbc:postgresql://...): "
                    + "a SQLite file belongs to one machine, so a second node cannot share it");
        }
        this.jdbi = database.jdbi();
    }

    @Override
    public Optional<Lease> acquire(String name, Node node, Duration ttl) {
        return jdbi.withHandle(h -> h.createQuery("""
                        WITH now AS (SELECT %s AS ms)
                        INSERT INTO cluster_leases AS l (name, holder, instance, token, acquired_at_ms, renewed_at_ms, expires_at_ms)
                        SELECT :name, :holder, :instance, 1, now.ms, now.ms, now.ms + :ttl FROM now
                        ON CONFLICT (name) DO UPDATE SET
                            token = CASE WHEN %s THEN l.token ELSE l.token + 1 END,
                            acquired_at_ms = CASE WHEN %s THEN l.acquired_at_ms ELSE EXCLUDED.acquired_at_ms END,
                            holder = EXCLUDED.holder,
                            instance = EXCLUDED.instance,
                            renewed_at_ms = EXCLUDED.renewed_at_ms,
                            expires_at_ms = EXCLUDED.expires_at_ms
                        WHERE (l.holder = EXCLUDED.holder AND l.instance = EXCLUDED.instance)
                           OR l.expires_at_ms <= EXCLUDED.renewed_at_ms
                        RETURNING %s""".formatted(DB_NOW_MS, RENEWING_LIVE, RENEWING_LIVE, LEASE_COLUMNS))
                .bind("name", name).bind("holder", node.id()).bind("instance", node.instance())
                .bind("ttl", ttl.toMillis()).map(LEASE).findOne());
    }

    /** The holder renews its own lease before it expired: same acquisition, same token. */
    private static final String RENEWING_LIVE = "l.holder = EXCLUDED.holder AND l.instance = EXCLUDED.instance "
            + "AND l.expires_at_ms > EXCLUDED.renewed_at_ms";

    @Override
    public boolean release(String name, Node node, long token) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE cluster_leases SET expires_at_ms = " + DB_NOW_MS
                        + " WHERE name = :name AND holder = :holder AND instance = :instance AND token = :token")
                .bind("name", name).bind("holder", node.id()).bind("instance", node.instance()).bind("token", token)
                .execute()) == 1;
    }

    @Override
    public Optional<Lease> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + LEASE_COLUMNS + " FROM cluster_leases WHERE name = :name")
                .bind("name", name).map(LEASE).findOne());
    }

    @Override
    public boolean isCurrent(FencingToken token) {
        return jdbi.withHandle(h -> isCurrent(h, token));
    }

    /**
     * Whether {@code token} is current, read on {@code handle}; inside a transaction the lease row
     * stays locked against a new acquisition until it ends.
     */
    static boolean isCurrent(Handle handle, FencingToken token) {
        return handle.createQuery("SELECT 1 FROM cluster_leases WHERE name = :name AND holder = :holder "
                        + "AND instance = :instance AND token = :token AND expires_at_ms > " + DB_NOW_MS + " FOR SHARE")
                .bind("name", token.lease()).bind("holder", token.holder()).bind("instance", token.instance())
                .bind("token", token.value()).mapTo(Integer.class).findOne().isPresent();
    }

    @Override
    public void heartbeat(Node node) {
        jdbi.useHandle(h -> h.createUpdate("""
                        WITH now AS (SELECT %s AS ms)
                        INSERT INTO cluster_nodes (node_id, instance, address, started_at_ms, heartbeat_at_ms)
                        SELECT :id, :instance, :address, now.ms, now.ms FROM now
                        ON CONFLICT (node_id) DO UPDATE SET
                            started_at_ms = CASE WHEN cluster_nodes.instance = EXCLUDED.instance
                                                 THEN cluster_nodes.started_at_ms ELSE EXCLUDED.started_at_ms END,
                            instance = EXCLUDED.instance,
                            address = EXCLUDED.address,
                            heartbeat_at_ms = EXCLUDED.heartbeat_at_ms""".formatted(DB_NOW_MS))
                .bind("id", node.id()).bind("instance", node.instance()).bind("address", node.address()).execute());
    }

    @Override
    public List<Member> members() {
        return jdbi.withHandle(h -> h.createQuery("SELECT node_id, instance, address, started_at_ms, heartbeat_at_ms, "
                        + DB_NOW_MS + " - heartbeat_at_ms FROM cluster_nodes ORDER BY node_id")
                .map((rs, ctx) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)),
                        Duration.ofMillis(Math.max(0, rs.getLong(6)))))
                .list());
    }

    @Override
    public Instant now() {
        return jdbi.withHandle(h -> Instant.ofEpochMilli(h.createQuery("SELECT " + DB_NOW_MS).mapTo(Long.class).one()));
    }
}
