CREATE TABLE tributary_outbox (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    queue          VARCHAR(255)  NOT NULL,
    payload        BYTEA         NOT NULL,
    content_type   VARCHAR(255),
    headers        TEXT,
    correlation_id VARCHAR(255),
    ordering_key   VARCHAR(255),
    dedup_key      VARCHAR(255)  UNIQUE,
    status         VARCHAR(8)    NOT NULL,
    attempts       INTEGER       NOT NULL,
    next_attempt   BIGINT        NOT NULL,
    created        BIGINT        NOT NULL,
    lease_token    VARCHAR(36),
    lease_until    BIGINT,
    last_error     VARCHAR(2000)
);
CREATE INDEX tributary_outbox_ready ON tributary_outbox (queue, id) WHERE status = 'PENDING';
CREATE INDEX tributary_outbox_key ON tributary_outbox (queue, ordering_key, id) WHERE status = 'PENDING' AND ordering_key IS NOT NULL;
CREATE INDEX tributary_outbox_dead ON tributary_outbox (queue, id) WHERE status <> 'PENDING';
-- A queue table: rows are inserted and deleted all day. Have autovacuum visit it after a few thousand changes
-- instead of after 20 % of the table, or dead rows pile up at the head of the ready index and every claim walks them
-- (measured: benchmarks/results/outbox.md). The server's autovacuum_naptime (default 1 min) bounds how often.
ALTER TABLE tributary_outbox SET (autovacuum_vacuum_scale_factor = 0.0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0.0, autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0.0, autovacuum_analyze_threshold = 5000, autovacuum_vacuum_cost_delay = 0);
