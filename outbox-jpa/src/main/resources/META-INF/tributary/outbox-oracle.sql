CREATE TABLE tributary_outbox (
    id             VARCHAR2(32)   NOT NULL PRIMARY KEY,
    queue          VARCHAR2(255)  NOT NULL,
    payload        BLOB,
    content_type   VARCHAR2(255),
    headers        CLOB,
    correlation_id VARCHAR2(255),
    ordering_key   VARCHAR2(255),
    dedup_key      VARCHAR2(255)  UNIQUE,
    status         VARCHAR2(8)    NOT NULL,
    attempts       NUMBER(10)     NOT NULL,
    next_attempt   NUMBER(19)     NOT NULL,
    created        NUMBER(19)     NOT NULL,
    lease_token    VARCHAR2(36),
    lease_until    NUMBER(19),
    last_error     VARCHAR2(2000)
);
CREATE INDEX tributary_outbox_ready ON tributary_outbox (queue, status, id);
CREATE INDEX tributary_outbox_key ON tributary_outbox (queue, ordering_key, id);
