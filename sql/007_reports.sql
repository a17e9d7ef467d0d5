-- Reports for DBAs (issue 7, operations.md §4): plain views in schema `reports`, and a role `license_reporter` that
-- may read those views and nothing else. docs/reports.md shows every view with an example query and its output.
--
-- The views run with their owner's rights (the migrating user), so the reporter reads the base tables only through
-- them. No view selects a license key, an activation hash, a password hash, a webhook payload (it holds the admin
-- license JSON, key included) or a check's info/user agent. Keys appear only as fingerprints: the first 16 hex
-- characters of SHA-256 over the lower-case key (keys are matched ignoring case), which identify a key without
-- revealing it (keys carry 128 random bits).
--
-- Times are UTC whatever the session's TimeZone: days are `(created_at AT TIME ZONE 'UTC')::date`.
--
-- Backward compatible: a new schema, views and a role; nothing the previous release reads or writes changes.
-- Safe to run again: CREATE SCHEMA IF NOT EXISTS, CREATE OR REPLACE VIEW, and a role created only when missing.
-- Where the migrating user may not create roles (CREATEROLE), the views are still created and a NOTICE says what
-- a superuser must run (docs/reports.md, "The reporter role").

CREATE SCHEMA IF NOT EXISTS reports;
COMMENT ON SCHEMA reports IS
    'Read-only reports for DBAs (docs/reports.md). Role license_reporter may read these views and nothing else.';

CREATE OR REPLACE VIEW reports.license_overview AS
SELECT p.id AS product_id, p.title AS product_title, l.status, count(*) AS licenses
FROM licenses l
JOIN products p ON p.id = l.product_id
GROUP BY p.id, p.title, l.status;
COMMENT ON VIEW reports.license_overview IS
    'Licenses per product and status (inactive, active, expired, disabled); only combinations that have licenses.';
COMMENT ON COLUMN reports.license_overview.status IS 'licenses.status: inactive, active, expired or disabled.';
COMMENT ON COLUMN reports.license_overview.licenses IS 'Number of licenses of that product in that status.';

CREATE OR REPLACE VIEW reports.activations_by_product AS
SELECT p.id AS product_id, p.title AS product_title, count(a.id) AS activations
FROM products p
LEFT JOIN licenses l ON l.product_id = p.id
LEFT JOIN license_activations a ON a.license_id = l.id AND a.status = 'active'
GROUP BY p.id, p.title;
COMMENT ON VIEW reports.activations_by_product IS
    'One row per product (0 when none): active activations of its licenses, local (staging) sites included.';
COMMENT ON COLUMN reports.activations_by_product.activations IS
    'license_activations with status active whose license belongs to the product.';

CREATE OR REPLACE VIEW reports.activations_by_site AS
SELECT s.id AS site_id, s.site_url, p.id AS product_id, p.title AS product_title,
       count(*) AS activations, bool_or(a.is_local) AS is_local
FROM license_activations a
JOIN license_sites s ON s.id = a.site_id
JOIN licenses l ON l.id = a.license_id
JOIN products p ON p.id = l.product_id
WHERE a.status = 'active'
GROUP BY s.id, s.site_url, p.id, p.title;
COMMENT ON VIEW reports.activations_by_site IS
    'Active activations per site and product; sites and products without an active activation do not appear.';
COMMENT ON COLUMN reports.activations_by_site.site_url IS 'Normalized site URL (no scheme, no trailing slash).';
COMMENT ON COLUMN reports.activations_by_site.is_local IS
    'The site counts as local (staging, localhost) and uses no activation slot.';

CREATE OR REPLACE VIEW reports.checks_daily AS
SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, c.result, count(*) AS checks
FROM license_checks c
GROUP BY 1, 2;
COMMENT ON VIEW reports.checks_daily IS
    'Logged checks per UTC day and result, FaxStore checks and FluentCart public actions alike (see reports.checks_daily_by_api). The log keeps CHECK_LOG_RETENTION_DAYS (default 90) days.';
COMMENT ON COLUMN reports.checks_daily.day IS 'The UTC calendar day of the check.';
COMMENT ON COLUMN reports.checks_daily.result IS
    'license_checks.result as logged: a FaxStore status (AUTHORISED, OK, NOT FOUND, KEY DISABLED, NOT ACTIVE, KEY EXPIRED, NOT AUTHORISED) or a FluentCart outcome (valid, expired, invalid, deactivated, download, redirect, or an error_type).';

CREATE OR REPLACE VIEW reports.checks_daily_by_api AS
SELECT (c.created_at AT TIME ZONE 'UTC')::date AS day, c.api, c.result, count(*) AS checks
FROM license_checks c
GROUP BY 1, 2, 3;
COMMENT ON VIEW reports.checks_daily_by_api IS
    'reports.checks_daily split by API: check, multiple, v1 (FaxStore) or the FluentCart public action.';

CREATE OR REPLACE VIEW reports.expiring_soon AS
SELECT l.id AS license_id, l.product_id, l.customer_id, l.expiration_date
FROM licenses l
WHERE l.expiration_date BETWEEN now() AND now() + interval '30 days';
COMMENT ON VIEW reports.expiring_soon IS
    'Licenses whose expiration_date lies between now and now + 30 days (both ends included), whatever their status; never the key. Lifetime licenses (NULL) never appear.';

CREATE OR REPLACE VIEW reports.expiring_this_month AS
SELECT l.id AS license_id, l.product_id, p.title AS product_title, l.customer_id, l.status, l.expiration_date
FROM licenses l
JOIN products p ON p.id = l.product_id
WHERE l.expiration_date >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
  AND l.expiration_date < (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
COMMENT ON VIEW reports.expiring_this_month IS
    'Licenses whose expiration_date falls in the current UTC calendar month, already passed or not; never the key.';

CREATE OR REPLACE VIEW reports.sites AS
SELECT s.id AS site_id, s.site_url,
       count(DISTINCT a.license_id) FILTER (WHERE a.status = 'active') AS licenses,
       coalesce(array_agg(DISTINCT a.license_id ORDER BY a.license_id) FILTER (WHERE a.status = 'active'),
                '{}'::bigint[]) AS license_ids
FROM license_sites s
LEFT JOIN license_activations a ON a.site_id = s.id
GROUP BY s.id, s.site_url;
COMMENT ON VIEW reports.sites IS
    'One row per site: the licenses active on it (an active activation); a site whose activations were all deactivated has 0 and {}.';
COMMENT ON COLUMN reports.sites.licenses IS 'Number of licenses with an active activation on the site.';
COMMENT ON COLUMN reports.sites.license_ids IS 'Their ids, ascending (join licenses or reports views on them; never keys).';

CREATE OR REPLACE VIEW reports.top_failing_keys AS
SELECT left(encode(sha256(convert_to(lower(l.license_key), 'UTF8')), 'hex'), 16) AS key_fingerprint,
       l.id AS license_id, l.product_id, f.failures, f.results, f.last_failure_at
FROM (
    SELECT c.license_id, count(*) AS failures, array_agg(DISTINCT c.result ORDER BY c.result) AS results,
           max(c.created_at) AS last_failure_at
    FROM license_checks c
    WHERE c.license_id IS NOT NULL
      AND c.created_at >= now() - interval '30 days'
      AND c.result NOT IN ('AUTHORISED', 'OK', 'valid', 'deactivated', 'download', 'redirect')
    GROUP BY c.license_id
) AS f
JOIN licenses l ON l.id = f.license_id
ORDER BY f.failures DESC, l.id;
COMMENT ON VIEW reports.top_failing_keys IS
    'Keys by failed checks over the last 30 days, most first. A failure is a logged check or public action that resolved a license and whose result is not a success (AUTHORISED, OK, valid, deactivated, download, redirect): e.g. KEY DISABLED, NOT ACTIVE, KEY EXPIRED, NOT AUTHORISED, expired, invalid, activation_limit_exceeded. Checks of unknown keys (NOT FOUND) have no license and do not appear: the presented key is never stored.';
COMMENT ON COLUMN reports.top_failing_keys.key_fingerprint IS
    'left(encode(sha256(convert_to(lower(license_key), ''UTF8'')), ''hex''), 16): identifies the key, never reveals it.';
COMMENT ON COLUMN reports.top_failing_keys.results IS 'The distinct failing results seen, sorted.';

CREATE OR REPLACE VIEW reports.product_summary AS
SELECT p.id AS product_id, p.title AS product_title,
       count(l.id) AS licenses,
       count(l.id) FILTER (WHERE l.status = 'active') AS active_licenses,
       count(l.id) FILTER (WHERE l.status = 'inactive') AS inactive_licenses,
       count(l.id) FILTER (WHERE l.status = 'expired') AS expired_licenses,
       count(l.id) FILTER (WHERE l.status = 'disabled') AS disabled_licenses,
       count(l.id) FILTER (WHERE l.expiration_date BETWEEN now() AND now() + interval '30 days') AS expiring_soon,
       coalesce(array_agg(l.id ORDER BY l.id) FILTER (WHERE m.license_id IS NOT NULL), '{}'::bigint[])
           AS expiring_this_month_license_ids,
       (SELECT count(*) FROM license_activations a JOIN licenses al ON al.id = a.license_id
        WHERE al.product_id = p.id AND a.status = 'active') AS activations
FROM products p
LEFT JOIN licenses l ON l.product_id = p.id
LEFT JOIN reports.expiring_this_month m ON m.license_id = l.id
GROUP BY p.id, p.title;
COMMENT ON VIEW reports.product_summary IS
    'One row per product: licenses by status, how many expire in the next 30 days, which expire this UTC calendar month, and active activations. Answers "how many active licenses per product, and which expire this month" in one SELECT.';

CREATE OR REPLACE VIEW reports.webhook_deliveries AS
SELECT w.id, w.event_id, w.type,
       CASE WHEN jsonb_typeof(w.payload #> '{data,license,id}') = 'number'
            THEN (w.payload #>> '{data,license,id}')::bigint END AS license_id,
       regexp_replace(w.target_url, '^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@]*@)?([^/?#]*).*$', '\1\3') AS target,
       w.status, w.attempts, w.next_attempt_at, w.last_error, w.created_at, w.delivered_at
FROM webhook_outbox w;
COMMENT ON VIEW reports.webhook_deliveries IS
    'Outgoing webhooks and their delivery state (pending, delivered, failed). Never the payload (it holds the license key) and only the scheme and host of the target (its path or query may hold a token).';

-- The reporter role. Roles belong to the cluster, not the database: create it once, and tolerate a migrating user
-- that may not create roles (managed PostgreSQL, least-privilege deploy users).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'license_reporter') THEN
        CREATE ROLE license_reporter NOLOGIN;
        COMMENT ON ROLE license_reporter IS 'Reads the views of schema reports and nothing else (docs/reports.md).';
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'role license_reporter not created (%): a superuser should run CREATE ROLE license_reporter NOLOGIN, then the GRANTs in docs/reports.md', SQLERRM;
END $$;

-- What it may read: the reports views, now and in later migrations by the same owner. What it may not: any table
-- of the application. PostgreSQL grants PUBLIC no privilege on tables, so revoking direct grants is enough; the
-- views read the tables with their owner's rights.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'license_reporter') THEN
        RAISE NOTICE 'role license_reporter does not exist: reports are readable only by their owner';
        RETURN;
    END IF;
    REVOKE ALL ON SCHEMA reports FROM PUBLIC;
    GRANT USAGE ON SCHEMA reports TO license_reporter;
    GRANT SELECT ON ALL TABLES IN SCHEMA reports TO license_reporter;
    ALTER DEFAULT PRIVILEGES IN SCHEMA reports GRANT SELECT ON TABLES TO license_reporter;
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM license_reporter;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM license_reporter;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'license_reporter not granted the reports (%): see docs/reports.md', SQLERRM;
END $$;

-- CONNECT, for a DBA who gives the role LOGIN on a server where PUBLIC's CONNECT was revoked. Only the database's
-- owner may grant it; without it the reports work through SET ROLE all the same.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'license_reporter') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO license_reporter', current_database());
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'CONNECT on this database not granted to license_reporter (%)', SQLERRM;
END $$;
