-- E-money server (FIG. 6A/6B). Amounts are BIGINT minor units; card numbers CHAR(16).

CREATE TABLE idempotent_requests (
    request_id   VARCHAR(36)   PRIMARY KEY,
    endpoint     VARCHAR(64)   NOT NULL,
    client       VARCHAR(80)   NOT NULL,
    request_hash CHAR(64)      NOT NULL,
    status       INTEGER       NOT NULL,
    response     VARCHAR(8192) NOT NULL,
    created_at   TIMESTAMP     NOT NULL
);

-- Terminals, the credit company server and points systems that may call, by certificate.
CREATE TABLE clients (
    role        VARCHAR(20)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    description VARCHAR(100) NOT NULL,
    active      BOOLEAN      NOT NULL,
    PRIMARY KEY (role, name)
);

-- FIG. 6A: registered users.
CREATE TABLE emoney_users (
    card_number              CHAR(16)     PRIMARY KEY,
    user_name                VARCHAR(64)  NOT NULL,
    password_hash            VARCHAR(200),
    bank_account             VARCHAR(34)  NOT NULL,
    failed_password_attempts INTEGER      NOT NULL DEFAULT 0,
    locked_until             TIMESTAMP,
    linked_credit_card       CHAR(16)     UNIQUE
);

-- FIG. 6B: charging-up preparations. state is the charging-up flag:
-- AVAILABLE (not completed), CHARGING (in an issued charge), COMPLETED, REFUNDED (expired).
CREATE TABLE preparations (
    preparation_id VARCHAR(36) PRIMARY KEY,
    request_id     VARCHAR(36) NOT NULL UNIQUE,
    card_number    CHAR(16)    NOT NULL REFERENCES emoney_users (card_number),
    amount         BIGINT      NOT NULL CHECK (amount > 0),
    currency       CHAR(3)     NOT NULL,
    source         VARCHAR(16) NOT NULL,
    created_at     TIMESTAMP   NOT NULL,
    expires_at     TIMESTAMP   NOT NULL,
    state          VARCHAR(16) NOT NULL,
    charge_id      BIGINT
);
CREATE INDEX preparations_by_card ON preparations (card_number, state);
CREATE INDEX preparations_by_expiry ON preparations (state, expires_at);

-- Amount change information issued to cards. One charge per card and sequence number, ever:
-- that is what lets a card's sequence number alone tell whether a charge was applied.
CREATE TABLE charges (
    charge_id     BIGINT      PRIMARY KEY,
    card_number   CHAR(16)    NOT NULL REFERENCES emoney_users (card_number),
    sequence      INTEGER     NOT NULL,
    amount        BIGINT      NOT NULL CHECK (amount > 0),
    currency      CHAR(3)     NOT NULL,
    mac           CHAR(16)    NOT NULL,
    state         VARCHAR(16) NOT NULL,
    terminal_id   VARCHAR(64) NOT NULL,
    issued_at     TIMESTAMP   NOT NULL,
    completed_at  TIMESTAMP,
    completed_by  VARCHAR(16),
    balance_after BIGINT,
    CONSTRAINT one_charge_per_sequence UNIQUE (card_number, sequence)
);

-- Expired, unclaimed preparations returned to the user's bank account.
CREATE TABLE refunds (
    refund_id      VARCHAR(36) PRIMARY KEY,
    preparation_id VARCHAR(36) NOT NULL UNIQUE REFERENCES preparations (preparation_id),
    card_number    CHAR(16)    NOT NULL,
    bank_account   VARCHAR(34) NOT NULL,
    amount         BIGINT      NOT NULL,
    currency       CHAR(3)     NOT NULL,
    refunded_at    TIMESTAMP   NOT NULL
);
