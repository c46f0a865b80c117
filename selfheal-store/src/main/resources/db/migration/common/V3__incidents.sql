-- Incidents, their problems and timelines; the recovery journal; learned effectiveness.
-- Times are epoch nanoseconds (exact round trip of the engine's Instants).

CREATE TABLE incidents (
    id                VARCHAR(64)  PRIMARY KEY,
    component         VARCHAR(128) NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    severity          VARCHAR(16)  NOT NULL,
    opened_at_ns      BIGINT       NOT NULL,
    last_signal_at_ns BIGINT       NOT NULL,
    closed_at_ns      BIGINT
);
CREATE INDEX incidents_state_idx ON incidents (state);
CREATE INDEX incidents_opened_idx ON incidents (opened_at_ns);

CREATE TABLE incident_problems (
    incident_id VARCHAR(64)  NOT NULL REFERENCES incidents (id),
    seq         INTEGER      NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    component   VARCHAR(128) NOT NULL,
    severity    VARCHAR(16)  NOT NULL,
    evidence    TEXT         NOT NULL,
    source      VARCHAR(64)  NOT NULL,
    at_ns       BIGINT       NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

CREATE TABLE incident_timeline (
    incident_id VARCHAR(64) NOT NULL REFERENCES incidents (id),
    seq         INTEGER     NOT NULL,
    at_ns       BIGINT      NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    message     TEXT        NOT NULL,
    data        TEXT        NOT NULL,
    PRIMARY KEY (incident_id, seq)
);

CREATE TABLE recovery_journal (
    step_id       VARCHAR(64)  PRIMARY KEY,
    incident_id   VARCHAR(64)  NOT NULL,
    component     VARCHAR(128) NOT NULL,
    target        VARCHAR(128) NOT NULL,
    action        VARCHAR(64)  NOT NULL,
    idempotent    ${boolean}   NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    started_at_ns BIGINT       NOT NULL,
    ended_at_ns   BIGINT,
    message       TEXT         NOT NULL
);
CREATE INDEX recovery_journal_status_idx ON recovery_journal (status);
CREATE INDEX recovery_journal_component_idx ON recovery_journal (component, started_at_ns);
CREATE INDEX recovery_journal_incident_idx ON recovery_journal (incident_id);

CREATE TABLE action_effectiveness (
    problem_type      VARCHAR(64) NOT NULL,
    action            VARCHAR(64) NOT NULL,
    attempts          BIGINT      NOT NULL,
    successes         BIGINT      NOT NULL,
    total_duration_ns BIGINT      NOT NULL,
    PRIMARY KEY (problem_type, action)
);
