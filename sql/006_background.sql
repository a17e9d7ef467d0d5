-- Issue 7: the expiry sweeper (fluentcart.md §11) looks for lapsing licenses every hour; this partial index keeps
-- that a range scan over the few licenses that can still lapse, however many expired or lifetime ones pile up.
-- (Claiming due webhooks already has webhook_outbox_due_idx from 001.)
CREATE INDEX IF NOT EXISTS licenses_lapsing_idx ON licenses (expiration_date)
    WHERE status IN ('active', 'inactive') AND expiration_date IS NOT NULL;
