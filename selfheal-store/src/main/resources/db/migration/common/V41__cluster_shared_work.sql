-- Several nodes sharing the work: the results of the checks each node runs, for the nodes that
-- do not run them, and the log of notifications sent, so that one goes out once across the
-- cluster. Both tables exist on SQLite too (one schema for both dialects) and stay empty there.

-- What each node's checks found, kept a minute: every node reads the rows of the others and
-- applies them to its own view of the components it does not check itself. seq grows by one
-- per row written by one process (instance), in the order that process ran its checks.
CREATE TABLE cluster_check_results (
    instance      VARCHAR(64)  NOT NULL,
    seq           BIGINT       NOT NULL,
    node_id       VARCHAR(128) NOT NULL,
    component     TEXT         NOT NULL,
    status        TEXT         NOT NULL,
    message       TEXT         NOT NULL DEFAULT '',
    latency_ms    BIGINT       NOT NULL,
    ts            BIGINT       NOT NULL,
    written_at_ms BIGINT       NOT NULL,
    PRIMARY KEY (instance, seq)
);
CREATE INDEX cluster_check_results_written ON cluster_check_results (written_at_ms);

-- One row per notification sent (a hash of its receiver, kind, group and alerts): a node
-- writes it, under the lease, before it calls the receiver, and sends nothing when the row is
-- already there from another holder within the window.
CREATE TABLE notification_log (
    notification_key VARCHAR(64)  PRIMARY KEY,
    receiver         VARCHAR(256) NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    title            TEXT         NOT NULL,
    holder           VARCHAR(128) NOT NULL,
    instance         VARCHAR(64)  NOT NULL,
    token            BIGINT       NOT NULL,
    claimed_at_ms    BIGINT       NOT NULL
);
CREATE INDEX notification_log_claimed ON notification_log (claimed_at_ms);
