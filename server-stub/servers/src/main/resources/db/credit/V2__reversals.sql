-- A purchase whose VALUE the e-money server refused for good (unknown or unmapped e-money card) is
-- reversed: the card's quota or bank balance is given back, and statements leave the record out.
ALTER TABLE billing_records ADD COLUMN reversed_at TIMESTAMP;
ALTER TABLE billing_records ADD COLUMN reversal_reason VARCHAR(200);
