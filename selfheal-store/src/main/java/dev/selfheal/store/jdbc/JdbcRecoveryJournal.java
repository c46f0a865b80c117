package dev.selfheal.store.jdbc;

import dev.selfheal.recovery.RecoveryJournal;
import dev.selfheal.recovery.RecoveryJournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The write-ahead recovery journal in SQLite or PostgreSQL. Each call is its own committed
 * statement, so {@link #begin} is on disk before the action runs; {@link #end} only changes a
 * step still RUNNING (the first ending wins, also across a crash and a restart).
 */
public final class JdbcRecoveryJournal implements RecoveryJournal {

    private static final String COLUMNS =
            "step_id, incident_id, component, target, action, idempotent, status, started_at_ns, ended_at_ns, message";
    private static final RowMapper<RecoveryJournalEntry> MAPPER = (rs, ctx) -> {
        Object ended = rs.getObject(9);
        return new RecoveryJournalEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), RecoveryJournalEntry.Status.valueOf(rs.getString(7)), Nanos.at(rs.getLong(8)),
                ended == null ? Optional.empty() : Optional.of(Nanos.at(rs.getLong(9))), rs.getString(10));
    };

    private final Jdbi jdbi;

    public JdbcRecoveryJournal(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void begin(RecoveryJournalEntry entry) {
        jdbi.useHandle(h -> insert(h, entry, 0));
    }

    /** Inserts a RUNNING step begun under fencing token {@code token} (0 on a single node). */
    static void insert(Handle h, RecoveryJournalEntry entry, long token) {
        if (entry.status() != RecoveryJournalEntry.Status.RUNNING) {
            throw new IllegalArgumentException("step %s must begin RUNNING, not %s".formatted(entry.stepId(), entry.status()));
        }
        int inserted = h.createUpdate("INSERT INTO recovery_journal (" + COLUMNS + ", fencing_token) VALUES "
                        + "(:step, :incident, :component, :target, :action, :idempotent, 'RUNNING', :started, NULL, '', :token) "
                        + "ON CONFLICT (step_id) DO NOTHING")
                .bind("step", entry.stepId()).bind("incident", entry.incidentId()).bind("component", entry.component())
                .bind("target", entry.target()).bind("action", entry.action()).bind("idempotent", entry.idempotent())
                .bind("started", Nanos.of(entry.startedAt())).bind("token", token).execute();
        if (inserted == 0) {
            throw new IllegalStateException("step %s has already begun".formatted(entry.stepId()));
        }
    }

    @Override
    public boolean end(String stepId, RecoveryJournalEntry.Status outcome, Instant at, String message) {
        if (outcome == RecoveryJournalEntry.Status.RUNNING) {
            throw new IllegalArgumentException("a step cannot end RUNNING");
        }
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE recovery_journal SET status = :status, ended_at_ns = :ended, message = :message
                        WHERE step_id = :step AND status = 'RUNNING'""")
                .bind("status", outcome.name()).bind("ended", Nanos.of(at)).bind("message", message == null ? "" : message)
                .bind("step", stepId).execute()) == 1;
    }

    @Override
    public Optional<RecoveryJournalEntry> find(String stepId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_journal WHERE step_id = :step")
                .bind("step", stepId).map(MAPPER).findOne());
    }

    @Override
    public List<RecoveryJournalEntry> running() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                + " FROM recovery_journal WHERE status = 'RUNNING' ORDER BY started_at_ns, step_id").map(MAPPER).list());
    }

    @Override
    public List<RecoveryJournalEntry> since(String component, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM recovery_journal "
                        + "WHERE component = :component AND started_at_ns >= :since ORDER BY started_at_ns DESC, step_id DESC")
                .bind("component", component).bind("since", Nanos.of(since)).map(MAPPER).list());
    }

    @Override
    public List<RecoveryJournalEntry> forIncident(String incidentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM recovery_journal WHERE incident_id = :incident ORDER BY started_at_ns, step_id")
                .bind("incident", incidentId).map(MAPPER).list());
    }
}
