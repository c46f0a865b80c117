package dev.selfheal.store.jdbc;

import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.learning.RecoveryRecord;
import dev.selfheal.learning.RecoveryRecordStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Recovery records in SQLite or PostgreSQL: one row per run, append-only, in {@code seq} order. */
public final class JdbcRecoveryRecordStore implements RecoveryRecordStore {

    private static final String COLUMNS = "seq, incident_id, component, kind, problem_types, others_unhealthy, hour_of_day, "
            + "weekday, degradation_level, since_last_incident_ns, plan, steps, outcome, verified, opened_at_ns, ended_at_ns, reason";
    private static final RowMapper<RecoveryRecord> MAPPER = (rs, ctx) -> {
        long seq = rs.getLong(1);
        Object since = rs.getObject(10);
        return new RecoveryRecord(seq, rs.getString(2), rs.getString(3), rs.getString(4),
                split(rs.getString(5)).stream().map(ProblemType::of).toList(), RecoveryRecordJson.names(rs.getString(6), seq),
                rs.getInt(7), DayOfWeek.valueOf(rs.getString(8)), rs.getInt(9),
                since == null ? Optional.empty() : Optional.of(Duration.ofNanos(rs.getLong(10))), split(rs.getString(11)),
                RecoveryRecordJson.steps(rs.getString(12), seq), IncidentState.valueOf(rs.getString(13)), rs.getBoolean(14),
                Nanos.at(rs.getLong(15)), Nanos.at(rs.getLong(16)), rs.getString(17));
    };

    private final Jdbi jdbi;

    public JdbcRecoveryRecordStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public RecoveryRecord append(RecoveryRecord r) {
        long seq = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO recovery_records (incident_id, component, kind, problem_types, others_unhealthy, hour_of_day,
                            weekday, degradation_level, since_last_incident_ns, plan, steps, outcome, verified, opened_at_ns,
                            ended_at_ns, reason)
                        VALUES (:incident, :component, :kind, :types, :others, :hour, :weekday, :level, :since, :plan, :steps,
                            :outcome, :verified, :opened, :ended, :reason)""")
                .bind("incident", r.incidentId()).bind("component", r.component()).bind("kind", r.kind())
                .bind("types", String.join(",", r.problemTypes().stream().map(ProblemType::name).toList()))
                .bind("others", RecoveryRecordJson.names(r.othersUnhealthy())).bind("hour", r.hourOfDay())
                .bind("weekday", r.weekday().name()).bind("level", r.degradationLevel())
                .bind("since", r.sinceLastIncident().map(Duration::toNanos).orElse(null))
                .bind("plan", String.join(",", r.plan())).bind("steps", RecoveryRecordJson.steps(r.steps()))
                .bind("outcome", r.outcome().name()).bind("verified", r.verified())
                .bind("opened", Nanos.of(r.openedAt())).bind("ended", Nanos.of(r.endedAt())).bind("reason", r.reason())
                .executeAndReturnGeneratedKeys("seq").mapTo(Long.class).one());
        return r.withSequence(seq);
    }

    @Override
    public List<RecoveryRecord> before(long before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_records WHERE seq < :before "
                        + "ORDER BY seq DESC LIMIT :limit")
                .bind("before", before).bind("limit", limit).map(MAPPER).list());
    }

    @Override
    public List<RecoveryRecord> after(long after, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_records WHERE seq > :after "
                        + "ORDER BY seq LIMIT :limit")
                .bind("after", after).bind("limit", limit).map(MAPPER).list());
    }

    @Override
    public List<RecoveryRecord> forIncident(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_records WHERE incident_id = :incident "
                        + "ORDER BY seq")
                .bind("incident", incidentId).map(MAPPER).list());
    }

    @Override
    public Optional<RecoveryRecord> lastFor(String component) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_records WHERE component = :component "
                        + "ORDER BY seq DESC LIMIT 1")
                .bind("component", component).map(MAPPER).findOne());
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
