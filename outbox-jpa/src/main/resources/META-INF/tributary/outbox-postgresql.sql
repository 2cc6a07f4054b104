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
