-- Completing a charge moves its preparations on (WHERE charge_id = ?), and every amount change looks
-- for the card's ISSUED charges: without these, both read every preparation, and every charge the
-- card ever had, on each request.
CREATE INDEX preparations_by_charge ON preparations (charge_id);
CREATE INDEX charges_by_card_and_state ON charges (card_number, state);
