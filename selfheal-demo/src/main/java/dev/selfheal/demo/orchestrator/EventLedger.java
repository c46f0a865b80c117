package dev.selfheal.demo.orchestrator;

import dev.selfheal.store.jdbc.Database;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Every event the orchestrator took and where each of its steps stands, in SQLite next to the
 * outbox: the source of the final account. An event is written with all its steps PENDING in one
 * transaction before any step runs, so an event taken is never forgotten; a step moves
 * PENDING → DONE, PENDING → PARKED → REPLAYED, or to FAILED.
 */
public final class EventLedger {

    private final Jdbi jdbi;

    public EventLedger(Database database) {
        this.jdbi = database.jdbi();
        jdbi.useHandle(h -> {
            h.execute("""
                    CREATE TABLE IF NOT EXISTS demo_events (
                      event_id TEXT PRIMARY KEY,
                      repository TEXT NOT NULL,
                      pr_number INTEGER NOT NULL,
                      source TEXT NOT NULL,
                      received_at_ms BIGINT NOT NULL)""");
            h.execute("""
                    CREATE TABLE IF NOT EXISTS demo_steps (
                      event_id TEXT NOT NULL,
                      step TEXT NOT NULL,
                      idempotency_key TEXT NOT NULL UNIQUE,
                      state TEXT NOT NULL,
                      was_parked INTEGER NOT NULL DEFAULT 0,
                      detail TEXT,
                      updated_at_ms BIGINT NOT NULL,
                      PRIMARY KEY (event_id, step))""");
        });
    }

    /** Records a new event and its steps; false when the id was seen before (a repeated delivery: nothing to do). */
    public boolean record(PullRequestEvent event, String source) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO demo_events (event_id, repository, pr_number, source, received_at_ms)
                    VALUES (:id, :repo, :n, :source, :at) ON CONFLICT DO NOTHING""")
                    .bind("id", event.id()).bind("repo", event.repository()).bind("n", event.number())
                    .bind("source", source).bind("at", event.at().toEpochMilli())
                    .execute();
            if (inserted == 0) {
                return false;
            }
            for (Step step : Step.values()) {
                h.createUpdate("""
                        INSERT INTO demo_steps (event_id, step, idempotency_key, state, updated_at_ms)
                        VALUES (:id, :step, :key, 'PENDING', :at)""")
                        .bind("id", event.id()).bind("step", step.name()).bind("key", step.key(event.id()))
                        .bind("at", Instant.now().toEpochMilli())
                        .execute();
            }
            return true;
        });
    }

    public void done(String key) {
        set(key, StepState.DONE, null, "state = 'PENDING'");
    }

    public void parked(String key, String reason) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE demo_steps SET state = 'PARKED', was_parked = 1, detail = :detail, updated_at_ms = :at
                WHERE idempotency_key = :key AND state IN ('PENDING', 'PARKED')""")
                .bind("key", key).bind("detail", reason).bind("at", Instant.now().toEpochMilli()).execute());
    }

    /** A parked step applied by replay. A replay after a restart may find it still PENDING (parked, then the ledger write lost): also fine. */
    public void replayed(String key) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE demo_steps SET state = 'REPLAYED', was_parked = 1, updated_at_ms = :at
                WHERE idempotency_key = :key AND state IN ('PENDING', 'PARKED')""")
                .bind("key", key).bind("at", Instant.now().toEpochMilli()).execute());
    }

    public void failed(String key, String reason) {
        set(key, StepState.FAILED, reason, "state IN ('PENDING', 'PARKED')");
    }

    private void set(String key, StepState state, String detail, String condition) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE demo_steps SET state = :state, detail = COALESCE(:detail, detail), updated_at_ms = :at "
                        + "WHERE idempotency_key = :key AND " + condition)
                .bind("state", state.name()).bind("detail", detail).bind("key", key).bind("at", Instant.now().toEpochMilli()).execute());
    }

    public long eventCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM demo_events").mapTo(Long.class).one());
    }

    /** Every event's steps: event id → (step → state), and which of them were parked at some point. */
    public List<EventSteps> all() {
        return jdbi.withHandle(h -> {
            Map<String, EventSteps> byEvent = new java.util.LinkedHashMap<>();
            h.createQuery("SELECT e.event_id, s.step, s.state, s.was_parked, s.detail FROM demo_events e "
                            + "LEFT JOIN demo_steps s ON s.event_id = e.event_id ORDER BY e.received_at_ms, e.event_id")
                    .map((rs, ctx) -> {
                        EventSteps steps = byEvent.computeIfAbsent(rs.getString(1), EventSteps::new);
                        if (rs.getString(2) != null) {
                            steps.states.put(Step.valueOf(rs.getString(2)), StepState.valueOf(rs.getString(3)));
                            steps.wasParked |= rs.getInt(4) == 1;
                            if (rs.getString(5) != null && StepState.valueOf(rs.getString(3)) == StepState.FAILED) {
                                steps.failures.add(rs.getString(2) + ": " + rs.getString(5));
                            }
                        }
                        return steps;
                    }).list();
            return List.copyOf(byEvent.values());
        });
    }

    /** Counts of steps by state (for the status line). */
    public Map<StepState, Long> stepCounts() {
        Map<StepState, Long> counts = new EnumMap<>(StepState.class);
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM demo_steps GROUP BY state")
                .map((rs, ctx) -> counts.put(StepState.valueOf(rs.getString(1)), rs.getLong(2))).list());
        return counts;
    }

    /** One event's steps. */
    public static final class EventSteps {
        public final String eventId;
        public final Map<Step, StepState> states = new EnumMap<>(Step.class);
        public final List<String> failures = new java.util.ArrayList<>();
        public boolean wasParked;

        EventSteps(String eventId) {
            this.eventId = eventId;
        }

        public boolean allApplied() {
            return states.size() == Step.values().length
                    && states.values().stream().allMatch(s -> s == StepState.DONE || s == StepState.REPLAYED);
        }

        @Override
        public String toString() {
            return eventId + states + (failures.isEmpty() ? "" : " " + failures);
        }

        public boolean anyParked() {
            return states.containsValue(StepState.PARKED);
        }
    }
}
