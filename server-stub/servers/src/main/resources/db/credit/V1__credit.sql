-- Credit company server (FIG. 4A/4B). Amounts are BIGINT minor units; card numbers CHAR(16).
-- Times are TIMESTAMP holding UTC wall-clock time (written as UTC LocalDateTime), so that month
-- boundaries of the billing cycle do not depend on the JVM's time zone.

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

-- FIG. 4A: registered users. CREDIT accounts bill a credit line (credit_used against credit_limit,
-- the quota); BANK accounts (the bank-cash-card variant) debit bank_balance instead.
-- expiry is 'YYYY-MM': the card is valid through the end of that month.
CREATE TABLE card_accounts (
    card_number     CHAR(16)    PRIMARY KEY,
    holder_name     VARCHAR(64) NOT NULL,
    billing_account VARCHAR(34) NOT NULL,
    account_type    VARCHAR(8)  NOT NULL CHECK (account_type IN ('CREDIT', 'BANK')),
    expiry          CHAR(7)     NOT NULL,
    status          VARCHAR(8)  NOT NULL CHECK (status IN ('ACTIVE', 'BLOCKED')),
    credit_limit    BIGINT      NOT NULL CHECK (credit_limit >= 0),
    credit_used     BIGINT      NOT NULL DEFAULT 0 CHECK (credit_used >= 0),
    bank_balance    BIGINT      CHECK (bank_balance >= 0),
    CONSTRAINT bank_accounts_have_a_balance CHECK ((account_type = 'BANK') = (bank_balance IS NOT NULL))
);

-- Every ATC a card's cryptogram was accepted with: a cryptogram is single-use.
CREATE TABLE used_atcs (
    card_number CHAR(16)  NOT NULL,
    atc         INTEGER   NOT NULL,
    used_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (card_number, atc)
);

-- FIG. 4B: billing records. cycle stays NULL until the monthly cutoff closes it ('YYYY-MM').
CREATE TABLE billing_records (
    purchase_id        VARCHAR(36) PRIMARY KEY,
    request_id         VARCHAR(36) NOT NULL UNIQUE,
    card_number        CHAR(16)    NOT NULL REFERENCES card_accounts (card_number),
    emoney_card_number CHAR(16)    NOT NULL,
    amount             BIGINT      NOT NULL CHECK (amount > 0),
    currency           CHAR(3)     NOT NULL,
    terminal_id        VARCHAR(64) NOT NULL,
    atc                INTEGER     NOT NULL,
    billed_at          TIMESTAMP   NOT NULL,
    cycle              CHAR(7)
);
CREATE INDEX billing_records_by_cycle ON billing_records (cycle, billed_at);
CREATE INDEX billing_records_by_card ON billing_records (card_number);

-- Notices to the e-money server, written with the billing record and delivered at least once.
-- state: PENDING (to be delivered; next_attempt_at says when), DELIVERED, FAILED (the e-money
-- server decided against it, e.g. an unknown card: billed but not prepared, needs an operator).
CREATE TABLE notification_outbox (
    purchase_id     VARCHAR(36)   PRIMARY KEY REFERENCES billing_records (purchase_id),
    payload         VARCHAR(1024) NOT NULL,
    state           VARCHAR(10)   NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP     NOT NULL,
    delivered_at    TIMESTAMP,
    last_error      VARCHAR(200)
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);

-- Monthly cutoff: what each card's billing account is charged for one cycle.
CREATE TABLE statements (
    cycle           CHAR(7)     NOT NULL,
    card_number     CHAR(16)    NOT NULL,
    billing_account VARCHAR(34) NOT NULL,
    account_type    VARCHAR(8)  NOT NULL,
    purchase_count  INTEGER     NOT NULL,
    total           BIGINT      NOT NULL,
    closed_at       TIMESTAMP   NOT NULL,
    PRIMARY KEY (cycle, card_number)
);
