-- The pattern database (dev.selfheal.patterns.PatternStore): the failure events pattern analysis
-- learns from, replayed into the analyzer at start, and the patterns it found. Times are epoch nanoseconds.
CREATE TABLE failure_events (
    seq            ${id},
    component      VARCHAR(256) NOT NULL,
    problem_type   VARCHAR(128) NOT NULL,
    started_at_ns  BIGINT       NOT NULL
);
CREATE INDEX failure_events_start_idx ON failure_events (started_at_ns, seq);

-- One row per pattern ever found; kind is temporal, edge or correlation, subject its key within the kind.
CREATE TABLE failure_patterns (
    kind           VARCHAR(16)   NOT NULL,
    subject        VARCHAR(600)  NOT NULL,
    description    TEXT          NOT NULL,
    confidence     DOUBLE PRECISION NOT NULL,
    first_found_ns BIGINT        NOT NULL,
    last_found_ns  BIGINT        NOT NULL,
    PRIMARY KEY (kind, subject)
);
