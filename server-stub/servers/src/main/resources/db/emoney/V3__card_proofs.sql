-- The e-money server acts only on card state the card proves (PROVE STATE, APDU.md §6.8) under a
-- challenge it issued: random, for one card, accepted once, short-lived. A challenge row is deleted
-- when a proof uses it, when it expires, and whenever the card's charges change (issue, settle,
-- cancel), so that a proof made before such a change can never be used after it.
CREATE TABLE card_challenges (
    challenge   CHAR(16)  PRIMARY KEY,
    card_number CHAR(16)  NOT NULL REFERENCES emoney_users (card_number),
    issued_at   TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX card_challenges_by_card ON card_challenges (card_number, issued_at);
CREATE INDEX card_challenges_by_expiry ON card_challenges (expires_at);

-- The highest credit sequence number the card has proved, and when: a charge above it was provably
-- never applied (a "stuck" charge, cancelled at the card's next proof, by expiry or by the operator).
ALTER TABLE emoney_users ADD COLUMN proven_sequence INTEGER;
ALTER TABLE emoney_users ADD COLUMN proven_at TIMESTAMP;

-- A charge the card provably did not apply can be CANCELLED; its preparations are AVAILABLE again
-- (re-offered) or REFUNDED. cancelled_by: CARD_PROOF, EXPIRY or OPERATOR.
ALTER TABLE charges ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE charges ADD COLUMN cancelled_by VARCHAR(16);
