package dev.selfheal.store.jdbc;

import dev.selfheal.learning.EffectivenessStore;
import dev.selfheal.recovery.Effectiveness;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Learned per (problem type, action) outcome counts in SQLite or PostgreSQL; one upsert per outcome. */
public final class JdbcEffectivenessStore implements EffectivenessStore {

    private static final RowMapper<Effectiveness> MAPPER = (rs, ctx) -> new Effectiveness(rs.getString(1), rs.getString(2),
            rs.getLong(3), rs.getLong(4), Duration.ofNanos(rs.getLong(5)));

    private final Jdbi jdbi;

    public JdbcEffectivenessStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Effectiveness record(String problemType, String action, boolean success, Duration duration) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO action_effectiveness (problem_type, action, attempts, successes, total_duration_ns)
                    VALUES (:type, :action, 1, :success, :nanos)
                    ON CONFLICT (problem_type, action) DO UPDATE SET attempts = action_effectiveness.attempts + 1,
                        successes = action_effectiveness.successes + excluded.successes,
                        total_duration_ns = action_effectiveness.total_duration_ns + excluded.total_duration_ns""")
                    .bind("type", problemType).bind("action", action).bind("success", success ? 1 : 0)
                    .bind("nanos", duration.toNanos()).execute();
            return h.createQuery("SELECT problem_type, action, attempts, successes, total_duration_ns FROM action_effectiveness "
                    + "WHERE problem_type = :type AND action = :action").bind("type", problemType).bind("action", action).map(MAPPER).one();
        });
    }

    @Override
    public Effectiveness get(String problemType, String action) {
        return jdbi.withHandle(h -> h.createQuery("SELECT problem_type, action, attempts, successes, total_duration_ns "
                        + "FROM action_effectiveness WHERE problem_type = :type AND action = :action")
                .bind("type", problemType).bind("action", action).map(MAPPER).findOne())
                .orElse(Effectiveness.none(problemType, action));
    }

    @Override
    public List<Effectiveness> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT problem_type, action, attempts, successes, total_duration_ns "
                + "FROM action_effectiveness ORDER BY problem_type, action").map(MAPPER).list());
    }
}
