-- The FluentCart public client protocol (`?fluent-cart=<action>`): its actions share the check log with the
-- FaxStore checks, and product releases get a table of their own.
--
-- Backward compatible with the previous release (nodes are upgraded one at a time): columns are added nullable,
-- and the widened CHECK accepts every value the old code writes.

-- The check log records every public action too. The FaxStore counters (total_requests, last_request_at) still
-- move only with FaxStore checks: they are FaxStore's totalRequests/lastRequest.
ALTER TABLE license_checks DROP CONSTRAINT license_checks_api_check;
-- NOT VALID then VALIDATE: the check of existing rows runs without blocking writers on a large log.
ALTER TABLE license_checks ADD CONSTRAINT license_checks_api_check CHECK (api IN (
    'check', 'multiple', 'v1',
    'check_license', 'activate_license', 'deactivate_license', 'get_license_version', 'download_license_package',
    'download-by-id', 'renew_license'
)) NOT VALID;
ALTER TABLE license_checks VALIDATE CONSTRAINT license_checks_api_check;

ALTER TABLE license_checks ADD COLUMN site_url text CHECK (length(site_url) <= 192);
ALTER TABLE license_checks ADD COLUMN activation_id bigint;

COMMENT ON TABLE license_checks IS
    'The check log: one row per logged FaxStore check and per FluentCart public action. Never holds a presented key, hash or token.';
COMMENT ON COLUMN license_checks.api IS
    'check, multiple, v1 (FaxStore); or the FluentCart public action (check_license, activate_license, ...).';
COMMENT ON COLUMN license_checks.result IS
    'FaxStore: the status answered (AUTHORISED, OK, NOT FOUND, KEY DISABLED, NOT ACTIVE, KEY EXPIRED, NOT AUTHORISED). FluentCart: the public status (valid, expired, invalid, deactivated), the error_type of a refusal, or download/redirect.';
COMMENT ON COLUMN license_checks.site_url IS 'FluentCart actions: the normalized site_url the client sent, if any.';
COMMENT ON COLUMN license_checks.activation_id IS 'FluentCart actions: the activation the request resolved, if any.';

CREATE TABLE product_releases (
    id         bigserial PRIMARY KEY,
    product_id bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    version    text NOT NULL CHECK (version <> '' AND length(version) <= 64),
    path       text NOT NULL CHECK (path <> '' AND path !~ '(^|/)\.\.(/|$)' AND left(path, 1) <> '/'),
    size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
    sha256     text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX product_releases_product_id_idx ON product_releases (product_id, id DESC);
COMMENT ON TABLE product_releases IS
    'Release files stored by `license-fcgi product release`; the newest is the product''s global_update_file.';
COMMENT ON COLUMN product_releases.path IS 'Relative to DOWNLOADS_DIR; nginx streams it from its internal /protected-downloads/ location.';
