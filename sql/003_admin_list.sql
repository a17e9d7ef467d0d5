-- The admin lists' "contains" searches (fluentcart.md §6 `GET licensing/licenses` plain-text search, §7 site
-- search): ILIKE '%…%' over license keys, order ids, customer names and emails, and site URLs. B-tree indexes
-- cannot serve a leading wildcard, so without these a search reads every license, customer and site (about
-- 0.7 s at 100,000 licenses); with them a selective search takes milliseconds.
--
-- pg_trgm ships with PostgreSQL itself (Debian's postgresql-15 package, which scripts/deps.sh installs) and is a
-- trusted extension, so a database owner may create it. Where it is missing or may not be created, this
-- migration only says so: the searches still work, by reading the tables.
--
-- Backward compatible: only an extension and indexes are added; nothing the previous release reads or writes
-- changes. The licenses indexes leave the FaxStore counters' HOT updates alone (no counter is indexed).

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    ELSE
        RAISE NOTICE 'pg_trgm is not available: admin list searches will read whole tables';
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'pg_trgm could not be created (%): admin list searches will read whole tables', SQLERRM;
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE INDEX IF NOT EXISTS licenses_license_key_trgm_idx ON licenses USING gin (license_key gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS licenses_order_id_trgm_idx ON licenses USING gin ((order_id::text) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS customers_email_trgm_idx ON customers USING gin (email gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS customers_name_trgm_idx
            ON customers USING gin ((first_name || ' ' || last_name) gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS license_sites_site_url_trgm_idx ON license_sites USING gin (site_url gin_trgm_ops);
    END IF;
END $$;
