-- selfheal history schema, version 1. One file for SQLite and PostgreSQL: the placeholders
-- (id, id_never_reused, bigint, boolean, id_last_in_index) are set per dialect by Database;
-- README.md beside this file says what each one stands for.
--
-- Conventions: every time is epoch milliseconds (a 64-bit integer); statuses and states are the
-- enum names in upper case; structured extras are JSON text (TEXT, not JSONB: the same
-- bytes on both dialects, and the store never queries inside them); ids of things the engine
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
-- Ids grow with insertion order and break ties between rows of the same ts ("newest first"
-- means ts DESC, id DESC). The (component, ts) indexes end with id (written out on PostgreSQL; SQLite
-- ends every index with the rowid by itself) so that a newest-first read of one component
-- is a plain backward index scan.

CREATE TABLE check_results (
    id          ${id},
    component   TEXT    NOT NULL,
    grp         TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    message     TEXT    NOT NULL DEFAULT '',
    details     TEXT,
    latency_ms  ${bigint} NOT NULL,
    ts          ${bigint} NOT NULL
);
CREATE INDEX check_results_component_ts ON check_results (component, ts${id_last_in_index});
-- Retention deletes by age across all components.
CREATE INDEX check_results_ts ON check_results (ts);

CREATE TABLE status_transitions (
    id          ${id},
    component   TEXT    NOT NULL,
    grp         TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    ts          ${bigint} NOT NULL,
    reason      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX status_transitions_component_ts ON status_transitions (component, ts${id_last_in_index});
