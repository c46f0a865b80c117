-- Alerts, the pipeline's decisions about them, and silences (issue 6).
-- Times are epoch nanoseconds; labels and receiver lists are JSON text.

CREATE TABLE alerts (
    id               VARCHAR(64)  PRIMARY KEY,
    fingerprint      VARCHAR(32)  NOT NULL,
    component        VARCHAR(128) NOT NULL,
    problem_type     VARCHAR(64)  NOT NULL,
    labels           TEXT         NOT NULL,
    severity         VARCHAR(16)  NOT NULL,
    urgency          VARCHAR(8)   NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    incident_id      VARCHAR(64),
    summary          TEXT         NOT NULL,
    starts_at_ns     BIGINT       NOT NULL,
    updated_at_ns    BIGINT       NOT NULL,
    ends_at_ns       BIGINT,
    flapping         INTEGER      NOT NULL,
    last_notified_ns BIGINT,
    told             TEXT         NOT NULL,
    hold_reason      VARCHAR(32),
    hold_detail      TEXT         NOT NULL,
    acknowledged_by  VARCHAR(128)
);
CREATE INDEX alerts_status_idx ON alerts (status);
CREATE INDEX alerts_starts_idx ON alerts (starts_at_ns);

CREATE TABLE alert_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id    VARCHAR(64)  NOT NULL,
    fingerprint VARCHAR(32)  NOT NULL,
    component   VARCHAR(128) NOT NULL,
    at_ns       BIGINT       NOT NULL,
    outcome     VARCHAR(24)  NOT NULL,
    reason      VARCHAR(32),
    detail      TEXT         NOT NULL,
    receivers   TEXT         NOT NULL
);
CREATE INDEX alert_decisions_alert_idx ON alert_decisions (alert_id, id);

CREATE TABLE silences (
    id           VARCHAR(64)  PRIMARY KEY,
    matchers     TEXT         NOT NULL,
    starts_at_ns BIGINT       NOT NULL,
    ends_at_ns   BIGINT       NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    comment      TEXT         NOT NULL
);
