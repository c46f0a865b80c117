package dev.selfheal.store.jdbc;

import dev.selfheal.incident.Incident;
import dev.selfheal.incident.IncidentState;
import dev.selfheal.incident.IncidentStore;
import dev.selfheal.incident.Problem;
import dev.selfheal.incident.ProblemType;
import dev.selfheal.incident.Severity;
import dev.selfheal.incident.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Incidents in SQLite or PostgreSQL (tables from {@code V3__incidents.sql}; a problem's labels from
 * {@code V50__incident_problem_labels.sql}). {@link #save} is
 * one transaction: upsert the header, append the problems and timeline entries beyond those
 * stored (both only grow), so a save repeated after a crash changes nothing twice.
 */
public final class JdbcIncidentStore implements IncidentStore {

    private final Jdbi jdbi;

    public JdbcIncidentStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(Incident incident) {
        jdbi.useTransaction(h -> write(h, incident));
    }

    /** Writes what changed of {@code incident} on {@code h}, inside the caller's transaction. */
    static void write(Handle h, Incident incident) {
        h.createUpdate("""
                INSERT INTO incidents (id, component, state, severity, opened_at_ns, last_signal_at_ns, closed_at_ns)
                VALUES (:id, :component, :state, :severity, :opened, :lastSignal, :closed)
                ON CONFLICT (id) DO UPDATE SET state = excluded.state, severity = excluded.severity,
                    last_signal_at_ns = excluded.last_signal_at_ns, closed_at_ns = excluded.closed_at_ns""")
                .bind("id", incident.id()).bind("component", incident.component())
                .bind("state", incident.state().name()).bind("severity", incident.severity().name())
                .bind("opened", Nanos.of(incident.openedAt())).bind("lastSignal", Nanos.of(incident.lastSignalAt()))
                .bind("closed", incident.closedAt().map(Nanos::of).orElse(null))
                .execute();
        int problems = count(h, "incident_problems", incident.id());
        for (int i = problems; i < incident.problems().size(); i++) {
            Problem p = incident.problems().get(i);
            h.createUpdate("""
                    INSERT INTO incident_problems (incident_id, seq, type, component, severity, evidence, source, at_ns, labels)
                    VALUES (:id, :seq, :type, :component, :severity, :evidence, :source, :at, :labels)""")
                    .bind("id", incident.id()).bind("seq", i).bind("type", p.type().name()).bind("component", p.component())
                    .bind("severity", p.severity().name()).bind("evidence", p.evidence()).bind("source", p.source())
                    .bind("at", Nanos.of(p.at())).bind("labels", TimelineData.encode(p.labels())).execute();
        }
        int entries = count(h, "incident_timeline", incident.id());
        if (entries > incident.timeline().size()) {
            throw new IllegalStateException("incident %s: timeline may only grow (stored %d entries, given %d)"
                    .formatted(incident.id(), entries, incident.timeline().size()));
        }
        for (int i = entries; i < incident.timeline().size(); i++) {
            TimelineEntry e = incident.timeline().get(i);
            h.createUpdate("""
                    INSERT INTO incident_timeline (incident_id, seq, at_ns, kind, message, data)
                    VALUES (:id, :seq, :at, :kind, :message, :data)""")
                    .bind("id", incident.id()).bind("seq", e.seq()).bind("at", Nanos.of(e.at())).bind("kind", e.kind().name())
                    .bind("message", e.message()).bind("data", TimelineData.encode(e.data())).execute();
        }
    }

    private static int count(Handle h, String table, String id) {
        return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE incident_id = :id").bind("id", id).mapTo(Integer.class).one();
    }

    @Override
    public Optional<Incident> find(String id) {
        return jdbi.inTransaction(h -> load(h, "WHERE id = :id", id, Integer.MAX_VALUE).stream().findFirst());
    }

    @Override
    public List<Incident> recent(int limit) {
        return jdbi.inTransaction(h -> load(h, "ORDER BY opened_at_ns DESC, id DESC", null, limit));
    }

    @Override
    public List<Incident> unresolved() {
        return jdbi.inTransaction(h -> load(h, "WHERE state <> 'RESOLVED' ORDER BY opened_at_ns, id", null, Integer.MAX_VALUE));
    }

    private record Header(String id, String component, IncidentState state, Severity severity, long opened, long lastSignal, Long closed) { }

    private static List<Incident> load(Handle h, String where, String id, int limit) {
        var query = h.createQuery("SELECT id, component, state, severity, opened_at_ns, last_signal_at_ns, closed_at_ns FROM incidents "
                + where + " LIMIT :limit").bind("limit", limit);
        if (id != null) {
            query.bind("id", id);
        }
        List<Header> headers = query.map((rs, ctx) -> new Header(rs.getString(1), rs.getString(2), IncidentState.valueOf(rs.getString(3)),
                Severity.valueOf(rs.getString(4)), rs.getLong(5), rs.getLong(6), (Long) rs.getObject(7) == null ? null : rs.getLong(7))).list();
        List<Incident> incidents = new ArrayList<>(headers.size());
        for (Header header : headers) {
            List<Problem> problems = h.createQuery("""
                    SELECT type, component, severity, evidence, source, at_ns, labels FROM incident_problems
                    WHERE incident_id = :id ORDER BY seq""").bind("id", header.id())
                    .map((rs, ctx) -> new Problem(ProblemType.of(rs.getString(1)), rs.getString(2), Severity.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), Nanos.at(rs.getLong(6)), TimelineData.decode(rs.getString(7)))).list();
            List<TimelineEntry> timeline = h.createQuery("""
                    SELECT seq, at_ns, kind, message, data FROM incident_timeline WHERE incident_id = :id ORDER BY seq""")
                    .bind("id", header.id())
                    .map((rs, ctx) -> new TimelineEntry(rs.getInt(1), Nanos.at(rs.getLong(2)), TimelineEntry.Kind.valueOf(rs.getString(3)),
                            rs.getString(4), TimelineData.decode(rs.getString(5)))).list();
            incidents.add(new Incident(header.id(), header.component(), header.state(), header.severity(), problems,
                    Nanos.at(header.opened()), Nanos.at(header.lastSignal()),
                    header.closed() == null ? Optional.empty() : Optional.of(Nanos.at(header.closed())), timeline));
        }
        return incidents;
    }
}
