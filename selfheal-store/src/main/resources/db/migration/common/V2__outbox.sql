-- The durable outbox of the guards: calls parked while an integration could not take them,
-- replayed in id order per integration. Delivered rows are deleted; dead rows (refused for good) stay
-- for a person to look at, out of the replay queue. Ids are never reused, so id order is parking order.
CREATE TABLE outbox (
    id                 ${id_never_reused},
    integration        TEXT    NOT NULL,
    operation          TEXT    NOT NULL,
    idempotency_key    TEXT    NOT NULL,
    payload            TEXT    NOT NULL,
    parked_at_ms       ${bigint} NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_error         TEXT,
    last_attempt_at_ms ${bigint},
    dead_at_ms         ${bigint}
);

-- One pending row per (integration, key): parking twice parks once.
CREATE UNIQUE INDEX outbox_pending_key ON outbox (integration, idempotency_key) WHERE dead_at_ms IS NULL;
CREATE INDEX outbox_queue ON outbox (integration, dead_at_ms, id);
