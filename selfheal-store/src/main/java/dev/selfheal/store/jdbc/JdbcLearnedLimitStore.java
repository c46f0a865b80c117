package dev.selfheal.store.jdbc;

import dev.selfheal.learning.LearnedLimit;
import dev.selfheal.learning.LearnedLimitStore;
import dev.selfheal.metrics.MetricKind;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Learned performance limits in SQLite or PostgreSQL ({@code learned_limits}): one upsert per moved limit. */
public final class JdbcLearnedLimitStore implements LearnedLimitStore {

    private final Jdbi jdbi;

    public JdbcLearnedLimitStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(LearnedLimit limit) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO learned_limits (component, metric, limit_value, samples, learned_at_ns)
                        VALUES (:component, :metric, :limit, :samples, :at)
                        ON CONFLICT (component, metric) DO UPDATE SET limit_value = excluded.limit_value,
                            samples = excluded.samples, learned_at_ns = excluded.learned_at_ns""")
                .bind("component", limit.component()).bind("metric", limit.metric().name()).bind("limit", limit.limit())
                .bind("samples", limit.samples()).bind("at", Nanos.of(limit.learnedAt())).execute());
    }

    /** Every kept limit; a row of a metric this version does not know (written by a newer one) is left out. */
    @Override
    public List<LearnedLimit> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT component, metric, limit_value, samples, learned_at_ns FROM learned_limits "
                        + "ORDER BY component, metric")
                .map((rs, ctx) -> known(rs.getString(2)) ? new LearnedLimit(rs.getString(1), MetricKind.valueOf(rs.getString(2)),
                        rs.getDouble(3), rs.getInt(4), Nanos.at(rs.getLong(5))) : null)
                .list()).stream().filter(java.util.Objects::nonNull).toList();
    }

    private static boolean known(String metric) {
        return java.util.Arrays.stream(MetricKind.values()).anyMatch(k -> k.name().equals(metric));
    }
}
