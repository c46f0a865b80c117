-- One row per recovery run: what the learning system learns from (dev.selfheal.learning.RecoveryRecord).
-- Append-only; seq is the order records are replayed in. Times are epoch nanoseconds.
CREATE TABLE recovery_records (
    seq                    ${id_never_reused},
    incident_id            VARCHAR(64)   NOT NULL,
    component              VARCHAR(128)  NOT NULL,
    kind                   VARCHAR(128)  NOT NULL,
    problem_types          VARCHAR(1024) NOT NULL, -- comma-separated, first seen first
    others_unhealthy       TEXT          NOT NULL, -- JSON array of component names
    hour_of_day            INTEGER       NOT NULL,
    weekday                VARCHAR(16)   NOT NULL,
    degradation_level      INTEGER       NOT NULL,
    since_last_incident_ns ${bigint},
    plan                   VARCHAR(2048) NOT NULL, -- comma-separated action names, in order
    steps                  TEXT          NOT NULL, -- JSON array of the steps that ran
    outcome                VARCHAR(16)   NOT NULL,
    verified               ${boolean}    NOT NULL,
    opened_at_ns           BIGINT        NOT NULL,
    ended_at_ns            BIGINT        NOT NULL,
    reason                 TEXT          NOT NULL
);
CREATE INDEX recovery_records_incident_idx ON recovery_records (incident_id);
CREATE INDEX recovery_records_component_idx ON recovery_records (component, seq);
