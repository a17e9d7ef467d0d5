-- A license's details list its order and the order's children (renewals, upgrades): find children by parent.
-- Backward compatible: an index only.
CREATE INDEX IF NOT EXISTS orders_parent_id_idx ON orders (parent_id) WHERE parent_id IS NOT NULL;
