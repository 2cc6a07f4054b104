CREATE TABLE tributary_outbox (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    queue          VARCHAR(255)  NOT NULL,
    payload        VARBINARY     NOT NULL,
    content_type   VARCHAR(255),
    headers        VARCHAR,
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
CREATE INDEX tributary_outbox_ready ON tributary_outbox (queue, status, id);
CREATE INDEX tributary_outbox_key ON tributary_outbox (queue, ordering_key, id);
