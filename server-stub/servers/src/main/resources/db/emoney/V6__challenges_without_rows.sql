-- A challenge for the card's PROVE STATE needs no row of its own (EmoneyService, CardChallenges): it
-- is a MAC of the server's over the card number, the card's challenge epoch and when it was issued.
-- Every proof used and every change to the card's charges moves the epoch on, which voids the
-- card's outstanding challenges as deleting their rows did. Challenges outstanding at the upgrade
-- are refused once; a kiosk then asks for a new one.
ALTER TABLE emoney_users ADD COLUMN challenge_epoch BIGINT DEFAULT 0 NOT NULL;
DROP TABLE card_challenges;
