-- selfheal history schema, version 1 (SQLite). Keep in step with ../postgresql/V1__health_history.sql.
--
-- Conventions: every time is epoch milliseconds (INTEGER); statuses and states are the
-- enum names in upper case; structured extras are JSON text; ids of things the engine
-- names itself (incidents, steps, alerts) are TEXT so that an event can carry the id
-- before the row is written and several nodes never collide.
--
-- check_results       one row per check run (high volume; raw rows are purged after N days).
--   component, grp    the check's name and group
--   status            HEALTHY | DEGRADED | UNHEALTHY | UNKNOWN
--   message           the one-line finding
--   details           JSON object of small facts, NULL when there are none
--   latency_ms, ts    how long the run took; when it ended
-- status_transitions  a component's damped status changed (kept for good).
--   from_status, to_status, ts, reason
-- incidents           one per component problem, merged within a window.
--   id, component, grp, problem_type, severity, state (OPEN | MITIGATING | RESOLVED | ESCALATED),
--   summary, opened_at, updated_at, resolved_at (NULL while not resolved)
-- incident_events     the incident's timeline: kind (e.g. DETECTED, STEP_STARTED, ALERTED), detail JSON.
-- recovery_steps      the write-ahead journal of recovery actions: a row is written before the
--   action runs (state RUNNING) and updated after (SUCCEEDED | FAILED | TIMED_OUT | SKIPPED).
--   id, incident_id, action, target, state, started_at, ended_at, outcome, detail JSON
-- alerts              what people were (or were not) told.
--   id, fingerprint (the de-duplication key), incident_id (optional), component, severity,
--   state (FIRING | SUPPRESSED | ACKNOWLEDGED | RESOLVED), summary, labels JSON,
--   created_at, updated_at, resolved_at
--
-- The integer primary keys alias SQLite's rowid: they grow with insertion order and break
-- ties between rows of the same ts ("newest first" means ts DESC, id DESC).

CREATE TABLE check_results (
    id          INTEGER PRIMARY KEY,
    component   TEXT    NOT NULL,
    grp         TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    message     TEXT    NOT NULL DEFAULT '',
    details     TEXT,
    latency_ms  INTEGER NOT NULL,
    ts          INTEGER NOT NULL
);
-- Every index in SQLite ends with the rowid, so this one also serves ORDER BY ts DESC, id DESC.
CREATE INDEX check_results_component_ts ON check_results (component, ts);
-- Retention deletes by age across all components.
CREATE INDEX check_results_ts ON check_results (ts);

CREATE TABLE status_transitions (
    id          INTEGER PRIMARY KEY,
    component   TEXT    NOT NULL,
    grp         TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    ts          INTEGER NOT NULL,
    reason      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX status_transitions_component_ts ON status_transitions (component, ts);

CREATE TABLE incidents (
    id           TEXT    PRIMARY KEY,
    component    TEXT    NOT NULL,
    grp          TEXT    NOT NULL,
    problem_type TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    opened_at    INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    resolved_at  INTEGER
);
CREATE INDEX incidents_component_opened ON incidents (component, opened_at);
CREATE INDEX incidents_state ON incidents (state);

CREATE TABLE incident_events (
    id          INTEGER PRIMARY KEY,
    incident_id TEXT    NOT NULL REFERENCES incidents (id),
    ts          INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    detail      TEXT
);
CREATE INDEX incident_events_incident_ts ON incident_events (incident_id, ts);

CREATE TABLE recovery_steps (
    id          TEXT    PRIMARY KEY,
    incident_id TEXT    REFERENCES incidents (id),
    action      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    outcome     TEXT,
    detail      TEXT
);
CREATE INDEX recovery_steps_incident ON recovery_steps (incident_id, started_at);
CREATE INDEX recovery_steps_target_started ON recovery_steps (target, started_at);

CREATE TABLE alerts (
    id          TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    incident_id TEXT    REFERENCES incidents (id),
    component   TEXT    NOT NULL,
    severity    TEXT    NOT NULL,
    state       TEXT    NOT NULL,
    summary     TEXT    NOT NULL DEFAULT '',
    labels      TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX alerts_fingerprint_created ON alerts (fingerprint, created_at);
CREATE INDEX alerts_state ON alerts (state);
