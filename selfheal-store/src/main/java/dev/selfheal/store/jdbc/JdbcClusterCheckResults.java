package dev.selfheal.store.jdbc;

import dev.selfheal.status.HealthCheckResult;
import dev.selfheal.status.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The check results each node of a cluster shares with the others ({@code cluster_check_results}),
 * kept only as long as a node might still have to read them. Times of writing are the database's.
 */
public final class JdbcClusterCheckResults {

    /** One result as written by the process {@code instance} of node {@code nodeId}, {@code seq}-th of that process. */
    public record Row(String instance, long seq, String nodeId, String component, HealthCheckResult result) { }

    private final Jdbi jdbi;

    public JdbcClusterCheckResults(Database database) {
        new JdbcLeaseStore(database); // refuses SQLite with the cluster's own message
        this.jdbi = database.jdbi();
    }

    /** Writes {@code rows} in one batch. */
    public void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO cluster_check_results (instance, seq, node_id, component, status, message, "
                    + "latency_ms, ts, written_at_ms) VALUES (:instance, :seq, :node, :component, :status, :message, :latency, :ts, "
                    + JdbcLeaseStore.DB_NOW_MS + ") ON CONFLICT (instance, seq) DO NOTHING");
            for (Row r : rows) {
                batch.bind("instance", r.instance()).bind("seq", r.seq()).bind("node", r.nodeId()).bind("component", r.component())
                        .bind("status", r.result().status().name()).bind("message", r.result().message())
                        .bind("latency", r.result().latency().toMillis()).bind("ts", r.result().timestamp().toEpochMilli())
                        .add();
            }
            batch.execute();
        });
    }

    /** The rows of other processes than {@code instance} written within {@code within} (database clock), in each process's order. */
    public List<Row> othersWithin(String instance, Duration within) {
        return jdbi.withHandle(h -> h.createQuery("SELECT instance, seq, node_id, component, status, message, latency_ms, ts "
                        + "FROM cluster_check_results WHERE instance <> :instance AND written_at_ms > " + JdbcLeaseStore.DB_NOW_MS
                        + " - :within ORDER BY instance, seq")
                .bind("instance", instance).bind("within", within.toMillis())
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        new HealthCheckResult(HealthStatus.valueOf(rs.getString(5)), rs.getString(6), java.util.Map.of(),
                                Duration.ofMillis(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)))))
                .list());
    }

    /** Deletes rows written longer than {@code olderThan} ago; returns how many. */
    public int prune(Duration olderThan) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM cluster_check_results WHERE written_at_ms < " + JdbcLeaseStore.DB_NOW_MS
                + " - :age").bind("age", olderThan.toMillis()).execute());
    }
}
