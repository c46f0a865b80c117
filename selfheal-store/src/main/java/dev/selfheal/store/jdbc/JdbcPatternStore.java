package dev.selfheal.store.jdbc;

import dev.selfheal.patterns.FailureEvent;
import dev.selfheal.patterns.PatternStore;
import dev.selfheal.patterns.StoredPattern;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The pattern database in SQLite or PostgreSQL: {@code failure_events} (append in batches,
 * replayed in start order, pruned by age) and {@code failure_patterns} (one row per pattern ever
 * found, upserted with when it was first and last found).
 */
public final class JdbcPatternStore implements PatternStore {

    private static final int REPLAY_FETCH = 5_000;

    private final Jdbi jdbi;

    public JdbcPatternStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void append(List<FailureEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO failure_events (component, problem_type, started_at_ns) "
                    + "VALUES (:component, :type, :start)");
            for (FailureEvent e : events) {
                batch.bind("component", e.component()).bind("type", e.type()).bind("start", Nanos.of(e.start())).add();
            }
            batch.execute();
        });
    }

    @Override
    public void replaySince(Instant from, Consumer<FailureEvent> sink) {
        // a transaction so that PostgreSQL streams with a cursor instead of reading every row first
        jdbi.useTransaction(h -> h.createQuery("SELECT component, problem_type, started_at_ns FROM failure_events "
                        + "WHERE started_at_ns >= :from ORDER BY started_at_ns, seq")
                .bind("from", Nanos.of(from)).setFetchSize(REPLAY_FETCH)
                .map((rs, ctx) -> new FailureEvent(rs.getString(1), rs.getString(2), Nanos.at(rs.getLong(3))))
                .useStream(s -> s.forEach(sink)));
    }

    @Override
    public long deleteBefore(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM failure_events WHERE started_at_ns < :before")
                .bind("before", Nanos.of(before)).execute());
    }

    @Override
    public void savePatterns(List<StoredPattern> found, Instant at) {
        if (found.isEmpty()) {
            return;
        }
        long now = Nanos.of(at);
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO failure_patterns (kind, subject, description, confidence, first_found_ns, last_found_ns)
                    VALUES (:kind, :subject, :description, :confidence, :now, :now)
                    ON CONFLICT (kind, subject) DO UPDATE SET description = excluded.description,
                        confidence = excluded.confidence, last_found_ns = excluded.last_found_ns""");
            for (StoredPattern p : found) {
                batch.bind("kind", p.kind().id()).bind("subject", p.subject()).bind("description", p.description())
                        .bind("confidence", p.confidence()).bind("now", now).add();
            }
            batch.execute();
        });
    }

    @Override
    public List<StoredPattern> patterns() {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind, subject, description, confidence, first_found_ns, last_found_ns "
                        + "FROM failure_patterns ORDER BY last_found_ns DESC, kind, subject")
                .map((rs, ctx) -> new StoredPattern(StoredPattern.Kind.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)),
                        rs.getString(2), rs.getString(3), rs.getDouble(4), Nanos.at(rs.getLong(5)), Nanos.at(rs.getLong(6))))
                .list());
    }
}
