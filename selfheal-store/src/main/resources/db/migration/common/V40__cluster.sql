-- Several nodes on one PostgreSQL: who is alive, who leads, and under which fencing token each
-- recovery step began. Times are epoch milliseconds read from the database's clock, never a
-- node's, so that nodes with skewed clocks agree on when a lease expires.

CREATE TABLE cluster_nodes (
    node_id         VARCHAR(128) PRIMARY KEY,
    instance        VARCHAR(64)  NOT NULL,
    address         VARCHAR(256) NOT NULL,
    started_at_ms   BIGINT       NOT NULL,
    heartbeat_at_ms BIGINT       NOT NULL
);

-- One row per lease. The token grows by one on every acquisition by a new holder (or by the
-- same holder after its lease lapsed): a write carrying an older token is refused.
CREATE TABLE cluster_leases (
    name           VARCHAR(64)  PRIMARY KEY,
    holder         VARCHAR(128) NOT NULL,
    instance       VARCHAR(64)  NOT NULL,
    token          BIGINT       NOT NULL,
    acquired_at_ms BIGINT       NOT NULL,
    renewed_at_ms  BIGINT       NOT NULL,
    expires_at_ms  BIGINT       NOT NULL
);

-- The token under which a step began (0 on a single node), for the audit of who acted.
ALTER TABLE recovery_journal ADD COLUMN fencing_token BIGINT NOT NULL DEFAULT 0;
