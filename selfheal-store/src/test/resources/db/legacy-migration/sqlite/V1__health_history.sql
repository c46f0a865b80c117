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
-- Incidents, the recovery journal and alerts get migrations of their own (V3 onwards),
-- written with the code that uses them.
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
