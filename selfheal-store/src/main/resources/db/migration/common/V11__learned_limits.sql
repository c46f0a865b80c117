-- Performance limits learned from each component's normal behaviour (dev.selfheal.learning.LearnedLimit):
-- one row per (component, metric), replaced when the limit moves, read at start-up so a restart keeps them.
CREATE TABLE learned_limits (
    component     VARCHAR(128)     NOT NULL,
    metric        VARCHAR(64)      NOT NULL, -- a MetricKind name, e.g. RESPONSE_TIME_P95
    limit_value   DOUBLE PRECISION NOT NULL, -- in the metric's unit
    samples       INTEGER          NOT NULL, -- normal readings it was learned from
    learned_at_ns BIGINT           NOT NULL,
    PRIMARY KEY (component, metric)
);
