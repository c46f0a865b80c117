package dev.selfheal.store.jdbc;

import dev.selfheal.resilience.OutboxEntry;
import dev.selfheal.resilience.OutboxStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The {@link OutboxStore} in SQLite or PostgreSQL (table {@code outbox}, migration V2).
 *
 * <p>Each change is one committed statement or transaction before the method returns, so a
 * call parked is still parked after {@code kill -9} (SQLite: WAL, synchronous=NORMAL, which
 * survives a process crash; only an OS crash may lose the last commits). Order is the
 * identity column's; a repeated key within pending rows is absorbed by a partial unique index
 * ({@code INSERT ... ON CONFLICT DO NOTHING}, which both dialects speak).
 */
public final class JdbcOutboxStore implements OutboxStore {

    private static final String COLUMNS = "id, integration, operation, idempotency_key, payload, parked_at_ms, attempts, last_error";

    private final Jdbi jdbi;

    public JdbcOutboxStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public OutboxEntry park(String integration, String operation, String idempotencyKey, String payload, Instant parkedAt) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO outbox (integration, operation, idempotency_key, payload, parked_at_ms)
                    VALUES (:integration, :operation, :key, :payload, :at)
                    ON CONFLICT DO NOTHING""")
                    .bind("integration", integration)
                    .bind("operation", operation)
                    .bind("key", idempotencyKey)
                    .bind("payload", payload)
                    .bind("at", parkedAt.toEpochMilli())
                    .execute();
            return h.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE integration = :integration AND idempotency_key = :key AND dead_at_ms IS NULL")
                    .bind("integration", integration)
                    .bind("key", idempotencyKey)
                    .map(JdbcOutboxStore::entry)
                    .one();
        });
    }

    @Override
    public List<OutboxEntry> pending(String integration, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM outbox WHERE integration = :integration AND dead_at_ms IS NULL ORDER BY id LIMIT :limit")
                .bind("integration", integration)
                .bind("limit", limit)
                .map(JdbcOutboxStore::entry)
                .list());
    }

    @Override
    public long pendingCount(String integration) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE integration = :integration AND dead_at_ms IS NULL")
                .bind("integration", integration)
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void markDelivered(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM outbox WHERE id = :id AND dead_at_ms IS NULL").bind("id", id).execute());
    }

    @Override
    public void recordFailure(long id, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET attempts = attempts + 1, last_error = :error, last_attempt_at_ms = :at
                        WHERE id = :id AND dead_at_ms IS NULL""")
                .bind("id", id).bind("error", error).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public void markDead(long id, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET attempts = attempts + 1, last_error = :error, last_attempt_at_ms = :at, dead_at_ms = :at
                        WHERE id = :id AND dead_at_ms IS NULL""")
                .bind("id", id).bind("error", error).bind("at", at.toEpochMilli()).execute());
    }

    @Override
    public List<OutboxEntry> dead(String integration, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM outbox WHERE integration = :integration AND dead_at_ms IS NOT NULL ORDER BY id LIMIT :limit")
                .bind("integration", integration)
                .bind("limit", limit)
                .map(JdbcOutboxStore::entry)
                .list());
    }

    private static OutboxEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new OutboxEntry(
                rs.getLong("id"),
                rs.getString("integration"),
                rs.getString("operation"),
                rs.getString("idempotency_key"),
                rs.getString("payload"),
                Instant.ofEpochMilli(rs.getLong("parked_at_ms")),
                rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")));
    }
}
