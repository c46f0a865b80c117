package dev.selfheal.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.selfheal.alerting.Alert;
import dev.selfheal.alerting.AlertSeverity;
import dev.selfheal.alerting.AlertStatus;
import dev.selfheal.alerting.AlertStore;
import dev.selfheal.alerting.AlertWrite;
import dev.selfheal.alerting.Decision;
import dev.selfheal.alerting.HoldReason;
import dev.selfheal.alerting.Matcher;
import dev.selfheal.alerting.Urgency;
import dev.selfheal.alerting.rules.Silence;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Alerts, decisions and silences in SQLite or PostgreSQL (migration V4): one statement per
 * write, or a batch of writes in one transaction ({@link #writeAll}). The daemon puts it behind
 * a {@code WriteBehindAlertStore}, so the pipeline does not wait for the database.
 */
public final class JdbcAlertStore implements AlertStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String ALERT_COLUMNS = "id, fingerprint, component, problem_type, labels, severity, urgency, status, "
            + "incident_id, summary, starts_at_ns, updated_at_ns, ends_at_ns, flapping, last_notified_ns, told, hold_reason, "
            + "hold_detail, acknowledged_by";

    private final Jdbi jdbi;

    public JdbcAlertStore(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void save(Alert a) {
        jdbi.useHandle(h -> save(h, a));
    }

    /** The writes in one transaction: all or none (what {@code WriteBehindAlertStore} batches into). */
    @Override
    public void writeAll(List<AlertWrite> writes) {
        jdbi.useTransaction(h -> {
            for (AlertWrite w : writes) {
                switch (w) {
                    case AlertWrite.SaveAlert s -> save(h, s.alert());
                    case AlertWrite.RecordDecision r -> record(h, r.decision());
                    case AlertWrite.SaveSilence s -> save(h, s.silence());
                }
            }
        });
    }

    private static void save(Handle handle, Alert a) {
        handle.createUpdate("INSERT INTO alerts (" + ALERT_COLUMNS + ") VALUES (:id, :fp, :component, :type, "
                        + ":labels, :severity, :urgency, :status, :incident, :summary, :starts, :updated, :ends, :flapping, "
                        + ":notified, :told, :hold, :holdDetail, :ackBy) ON CONFLICT (id) DO UPDATE SET "
                        + "labels = excluded.labels, severity = excluded.severity, urgency = excluded.urgency, "
                        + "status = excluded.status, incident_id = excluded.incident_id, summary = excluded.summary, "
                        + "updated_at_ns = excluded.updated_at_ns, ends_at_ns = excluded.ends_at_ns, flapping = excluded.flapping, "
                        + "last_notified_ns = excluded.last_notified_ns, told = excluded.told, hold_reason = excluded.hold_reason, "
                        + "hold_detail = excluded.hold_detail, acknowledged_by = excluded.acknowledged_by")
                .bind("id", a.id()).bind("fp", a.fingerprint()).bind("component", a.component()).bind("type", a.problemType())
                .bind("labels", json(new TreeMap<>(a.labels()))).bind("severity", a.severity().name())
                .bind("urgency", a.urgency().name()).bind("status", a.status().name())
                .bind("incident", a.incidentId().orElse(null)).bind("summary", a.summary())
                .bind("starts", Nanos.of(a.startsAt())).bind("updated", Nanos.of(a.updatedAt()))
                .bind("ends", a.endsAt().map(Nanos::of).orElse(null)).bind("flapping", a.flapping() ? 1 : 0)
                .bind("notified", a.lastNotifiedAt().map(Nanos::of).orElse(null)).bind("told", json(List.copyOf(a.told())))
                .bind("hold", a.hold().map(Enum::name).orElse(null)).bind("holdDetail", a.holdDetail())
                .bind("ackBy", a.acknowledgedBy().orElse(null)).execute();
    }

    @Override
    public Optional<Alert> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = :id").bind("id", id)
                .map(ALERT).findOne());
    }

    @Override
    public List<Alert> open() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE status <> 'RESOLVED' "
                + "ORDER BY starts_at_ns, id").map(ALERT).list());
    }

    @Override
    public List<Alert> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts ORDER BY starts_at_ns DESC, id "
                + "LIMIT :limit").bind("limit", limit).map(ALERT).list());
    }

    @Override
    public void record(Decision d) {
        jdbi.useHandle(h -> record(h, d));
    }

    private static void record(Handle h, Decision d) {
        h.createUpdate("INSERT INTO alert_decisions (alert_id, fingerprint, component, at_ns, outcome, reason, "
                        + "detail, receivers) VALUES (:alert, :fp, :component, :at, :outcome, :reason, :detail, :receivers)")
                .bind("alert", d.alertId()).bind("fp", d.fingerprint()).bind("component", d.component())
                .bind("at", Nanos.of(d.at())).bind("outcome", d.outcome().name()).bind("reason", d.reason().map(Enum::name).orElse(null))
                .bind("detail", d.detail()).bind("receivers", json(d.receivers())).execute();
    }

    @Override
    public List<Decision> decisions(String alertId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT alert_id, fingerprint, component, at_ns, outcome, reason, detail, receivers "
                + "FROM alert_decisions WHERE alert_id = :alert ORDER BY id").bind("alert", alertId).map((rs, ctx) -> new Decision(
                rs.getString(1), rs.getString(2), rs.getString(3), Nanos.at(rs.getLong(4)), Decision.Outcome.valueOf(rs.getString(5)),
                Optional.ofNullable(rs.getString(6)).map(HoldReason::valueOf), rs.getString(7), parse(rs.getString(8), STRINGS)))
                .list());
    }

    @Override
    public void save(Silence s) {
        jdbi.useHandle(h -> save(h, s));
    }

    private static void save(Handle h, Silence s) {
        h.createUpdate("INSERT INTO silences (id, matchers, starts_at_ns, ends_at_ns, created_by, comment) "
                        + "VALUES (:id, :matchers, :starts, :ends, :by, :comment) ON CONFLICT (id) DO UPDATE SET "
                        + "matchers = excluded.matchers, starts_at_ns = excluded.starts_at_ns, ends_at_ns = excluded.ends_at_ns, "
                        + "created_by = excluded.created_by, comment = excluded.comment")
                .bind("id", s.id()).bind("matchers", json(s.matchers().stream().map(Matcher::toString).toList()))
                .bind("starts", Nanos.of(s.startsAt())).bind("ends", Nanos.of(s.endsAt())).bind("by", s.createdBy())
                .bind("comment", s.comment()).execute();
    }

    @Override
    public List<Silence> silences() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, matchers, starts_at_ns, ends_at_ns, created_by, comment FROM silences "
                + "ORDER BY starts_at_ns, id").map((rs, ctx) -> new Silence(rs.getString(1),
                parse(rs.getString(2), STRINGS).stream().map(Matcher::parse).toList(), Nanos.at(rs.getLong(3)),
                Nanos.at(rs.getLong(4)), rs.getString(5), rs.getString(6))).list());
    }

    private static final RowMapper<Alert> ALERT = (rs, ctx) -> new Alert(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), parse(rs.getString(5), LABELS), AlertSeverity.valueOf(rs.getString(6)), Urgency.valueOf(rs.getString(7)),
            AlertStatus.valueOf(rs.getString(8)), Optional.ofNullable(rs.getString(9)), rs.getString(10), Nanos.at(rs.getLong(11)),
            Nanos.at(rs.getLong(12)), instant(rs, 13), rs.getInt(14) != 0, instant(rs, 15),
            new LinkedHashSet<>(parse(rs.getString(16), STRINGS)), Optional.ofNullable(rs.getString(17)).map(HoldReason::valueOf),
            rs.getString(18), Optional.ofNullable(rs.getString(19)));

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Nanos.at(v));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, String> labels(String text) {
        return parse(text, LABELS);
    }
}
