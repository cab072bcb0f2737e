-- The metrics count the charges still ISSUED and find the oldest: through this index, not over every
-- charge ever issued.
CREATE INDEX charges_by_state ON charges (state, issued_at);
