CREATE TABLE tributary_outbox (
    id             VARCHAR(32)   NOT NULL PRIMARY KEY,
    queue          VARCHAR(255)  NOT NULL,
    payload        LONGBLOB      NOT NULL,
    content_type   VARCHAR(255),
    headers        TEXT,
    correlation_id VARCHAR(255),
    ordering_key   VARCHAR(255),
    dedup_key      VARCHAR(255)  UNIQUE,
    status         VARCHAR(8)    NOT NULL,
    attempts       INT           NOT NULL,
    next_attempt   BIGINT        NOT NULL,
    created        BIGINT        NOT NULL,
    lease_token    VARCHAR(36),
    lease_until    BIGINT,
    last_error     VARCHAR(2000),
    INDEX tributary_outbox_ready (queue, status, id),
    INDEX tributary_outbox_key (queue, ordering_key, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
