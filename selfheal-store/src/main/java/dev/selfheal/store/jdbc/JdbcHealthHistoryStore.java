package dev.selfheal.store.jdbc;

import dev.selfheal.health.history.HealthHistoryStore;
import dev.selfheal.health.history.StatusTransition;
import dev.selfheal.health.history.StoredResult;
import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Health history in SQLite or PostgreSQL, over the {@code check_results} and
 * {@code status_transitions} tables of {@code V1__health_history.sql}.
 *
 * <p>Times and latencies are kept in milliseconds. "Newest first" is {@code ts DESC, id DESC}:
 * rows with the same timestamp come back in reverse order of insertion, as in memory.
 *
 * <p>The {@link Database} belongs to the caller: {@link #close()} leaves it open, because the
 * incident and journal stores share it.
 */
public final class JdbcHealthHistoryStore implements HealthHistoryStore {

    /** Rows deleted per transaction while purging, so that the history writer is never held up for long. */
    static final int PURGE_CHUNK = 10_000;

    private static final String INSERT_RESULT = """
            INSERT INTO check_results (component, grp, status, message, details, latency_ms, ts)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_TRANSITION = """
            INSERT INTO status_transitions (component, grp, from_status, to_status, ts, reason)
            VALUES (:component, :grp, :from, :to, :ts, :reason)""";
    private static final String RECENT_RESULTS = """
            SELECT id, component, grp, status, message, details, latency_ms, ts FROM check_results
            WHERE component = :component ORDER BY ts DESC, id DESC LIMIT :limit""";
    private static final String TRANSITIONS = """
            SELECT component, grp, from_status, to_status, ts, reason FROM status_transitions
            WHERE component = :component ORDER BY ts DESC, id DESC LIMIT :limit""";
    /*
     * A loose index scan, portable to both dialects: walk the distinct components through the
     * (component, ts) index one MIN(component > previous) at a time, then take each one's newest
     * row with a backward scan of the same index. Cost grows with the number of components, not
     * with the (never purged) number of transitions.
     */
    static final String LATEST_TRANSITIONS = """
            WITH RECURSIVE components (name) AS (
                SELECT MIN(component) FROM status_transitions
                UNION ALL
                SELECT (SELECT MIN(s.component) FROM status_transitions s WHERE s.component > components.name)
                FROM components WHERE components.name IS NOT NULL
            )
            SELECT t.component, t.grp, t.from_status, t.to_status, t.ts, t.reason
            FROM components c JOIN status_transitions t ON t.id = (
                SELECT s.id FROM status_transitions s WHERE s.component = c.name
                ORDER BY s.ts DESC, s.id DESC LIMIT 1)""";
    private static final String PURGE_CHUNK_SQL = """
            DELETE FROM check_results WHERE id IN (
                SELECT id FROM check_results WHERE ts < :cutoff LIMIT :chunk)""";

    private static final RowMapper<StoredResult> RESULT_MAPPER = (rs, ctx) -> readResult(rs);
    private static final RowMapper<StatusTransition> TRANSITION_MAPPER = (rs, ctx) -> readTransition(rs);

    private final Database db;

    public JdbcHealthHistoryStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void appendResults(List<StoredResult> results) {
        if (results.isEmpty()) {
            return;
        }
        db.jdbi().useTransaction(handle -> {
            PreparedBatch batch = handle.prepareBatch(INSERT_RESULT);
            for (StoredResult stored : results) {
                HealthCheckResult result = stored.result();
                batch.bind(0, stored.component())
                        .bind(1, stored.group())
                        .bind(2, result.status().name())
                        .bind(3, result.message())
                        .bind(4, DetailsJson.encode(result.details()).orElse(null))
                        .bind(5, result.latency().toMillis())
                        .bind(6, result.timestamp().toEpochMilli())
                        .add();
            }
            batch.execute();
        });
    }

    @Override
    public void appendTransition(StatusTransition transition) {
        db.jdbi().useHandle(handle -> handle.createUpdate(INSERT_TRANSITION)
                .bind("component", transition.component())
                .bind("grp", transition.group())
                .bind("from", transition.from().name())
                .bind("to", transition.to().name())
                .bind("ts", transition.at().toEpochMilli())
                .bind("reason", transition.reason() == null ? "" : transition.reason())
                .execute());
    }

    @Override
    public List<StoredResult> recentResults(String component, int limit) {
        requireLimit(limit);
        return db.jdbi().withHandle(handle -> handle.createQuery(RECENT_RESULTS)
                .bind("component", component)
                .bind("limit", limit)
                .map(RESULT_MAPPER)
                .list());
    }

    @Override
    public List<StatusTransition> transitions(String component, int limit) {
        requireLimit(limit);
        return db.jdbi().withHandle(handle -> handle.createQuery(TRANSITIONS)
                .bind("component", component)
                .bind("limit", limit)
                .map(TRANSITION_MAPPER)
                .list());
    }

    @Override
    public Map<String, StatusTransition> latestTransitions() {
        Map<String, StatusTransition> latest = new LinkedHashMap<>();
        db.jdbi().useHandle(handle -> handle.createQuery(LATEST_TRANSITIONS)
                .map(TRANSITION_MAPPER)
                .forEach(t -> latest.put(t.component(), t)));
        return Collections.unmodifiableMap(latest);
    }

    @Override
    public int purgeResultsBefore(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int total = 0;
        while (true) {
            int deleted = db.jdbi().withHandle(handle -> handle.createUpdate(PURGE_CHUNK_SQL)
                    .bind("cutoff", cutoffMillis)
                    .bind("chunk", PURGE_CHUNK)
                    .execute());
            total += deleted;
            if (deleted < PURGE_CHUNK) {
                return total;
            }
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be zero or more, got " + limit);
        }
    }

    private static StoredResult readResult(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        HealthCheckResult result = new HealthCheckResult(
                status(rs.getString("status"), "check_results", id),
                rs.getString("message"),
                DetailsJson.decode(rs.getString("details"), id),
                Duration.ofMillis(rs.getLong("latency_ms")),
                Instant.ofEpochMilli(rs.getLong("ts")));
        return new StoredResult(rs.getString("component"), rs.getString("grp"), result);
    }

    private static StatusTransition readTransition(ResultSet rs) throws SQLException {
        return new StatusTransition(
                rs.getString("component"),
                rs.getString("grp"),
                status(rs.getString("from_status"), "status_transitions", -1),
                status(rs.getString("to_status"), "status_transitions", -1),
                Instant.ofEpochMilli(rs.getLong("ts")),
                rs.getString("reason"));
    }

    private static HealthStatus status(String name, String table, long rowId) {
        try {
            return HealthStatus.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            String where = rowId >= 0 ? "%s row id=%d".formatted(table, rowId) : table;
            throw new IllegalStateException("unknown status '%s' in %s".formatted(name, where), e);
        }
    }
}
