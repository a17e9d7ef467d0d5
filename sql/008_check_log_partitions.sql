-- The check log at production rates (issue 10): 8,000 logged checks a second are 700 million rows a day. The log
-- becomes a table partitioned by UTC day, so that retention drops whole days without blocking checks, and the daily
-- reports read a rollup maintained incrementally instead of counting the whole log. docs/reports.md, "The check
-- log", is the DBA's account of what follows.
--
-- Backward compatible with the previous release (nodes are upgraded one at a time): the table keeps its name, its
-- columns, their defaults and constraints, and the two new columns have defaults, so the previous release's
-- INSERT (without created_at and request_id) works unchanged against the partitioned table.
--
-- Cost: the existing rows are copied once, inside this migration's transaction, which holds the old table's ACCESS
-- EXCLUSIVE lock meanwhile: logged checks of nodes still on the previous release wait for it (and time out into a
-- 503 past their statement timeout). The whole migration took 11 to 23 s per million rows on the development
-- machine (2 shared cores; the copy about 60 %, the three indexes and the foreign key's check the rest;
-- docs/performance.md). A log of tens of millions of rows should be trimmed first (lower
-- CHECK_LOG_RETENTION_DAYS and let the previous release prune), or migrated in a maintenance window.

-- The old table steps aside, with its index and sequence names, so the new one takes the names DBAs know.
ALTER TABLE license_checks RENAME TO license_checks_unpartitioned;
ALTER INDEX license_checks_pkey RENAME TO license_checks_unpartitioned_pkey;
ALTER INDEX license_checks_license_id_idx RENAME TO license_checks_unpartitioned_license_id_idx;
ALTER INDEX license_checks_created_at_idx RENAME TO license_checks_unpartitioned_created_at_idx;
ALTER SEQUENCE license_checks_id_seq RENAME TO license_checks_unpartitioned_id_seq;

CREATE TABLE license_checks (
    id                    bigint GENERATED ALWAYS AS IDENTITY,
    created_at            timestamptz NOT NULL DEFAULT now(),
    license_id            bigint,
    product_id            bigint,
    requested_product_ids bigint[],
    ip                    inet,
    user_agent            text NOT NULL DEFAULT '' CONSTRAINT license_checks_user_agent_check CHECK (length(user_agent) <= 512),
    info                  text NOT NULL DEFAULT '' CONSTRAINT license_checks_info_check CHECK (length(info) <= 1000),
    result                text NOT NULL,
    api                   text NOT NULL CONSTRAINT license_checks_api_check CHECK (api IN (
        'check', 'multiple', 'v1',
        'check_license', 'activate_license', 'deactivate_license', 'get_license_version', 'download_license_package',
        'download-by-id', 'renew_license'
    )),
    site_url              text CONSTRAINT license_checks_site_url_check CHECK (length(site_url) <= 192),
    activation_id         bigint,
    request_id            uuid NOT NULL DEFAULT gen_random_uuid()
) PARTITION BY RANGE (created_at);

COMMENT ON TABLE license_checks IS
    'The check log: one row per logged FaxStore check and per FluentCart public action. Never holds a presented key, hash or token. Partitioned by UTC day (license_checks_pYYYYMMDD, [day 00:00 UTC, next day 00:00 UTC)); the background process creates days ahead and drops days past CHECK_LOG_RETENTION_DAYS (docs/reports.md).';
COMMENT ON COLUMN license_checks.id IS
    'Increases with insertion order across partitions; check_log_rollup.rolled_up_id is a position in it.';
COMMENT ON COLUMN license_checks.created_at IS
    'When the check was answered: the application''s clock (UTC) since issue 10, the database''s before; the partition key.';
COMMENT ON COLUMN license_checks.product_id IS
    'The product in the path; for a multiple check the matched product (NULL when none matched).';
COMMENT ON COLUMN license_checks.api IS
    'check, multiple, v1 (FaxStore); or the FluentCart public action (check_license, activate_license, ...).';
COMMENT ON COLUMN license_checks.result IS
    'FaxStore: the status answered (AUTHORISED, OK, NOT FOUND, KEY DISABLED, NOT ACTIVE, KEY EXPIRED, NOT AUTHORISED). FluentCart: the public status (valid, expired, invalid, deactivated), the error_type of a refusal, or download/redirect.';
COMMENT ON COLUMN license_checks.site_url IS 'FluentCart actions: the normalized site_url the client sent, if any.';
COMMENT ON COLUMN license_checks.activation_id IS 'FluentCart actions: the activation the request resolved, if any.';
COMMENT ON COLUMN license_checks.request_id IS
    'Random, chosen by the application when it decided the row: a batch written again after a lost connection (its outcome unknown) inserts nothing twice. Rows of the previous release get a random one.';

-- One UTC day's partition, made without blocking the log: the table is created standalone and then attached, which
-- takes SHARE UPDATE EXCLUSIVE on license_checks (inserts go on) instead of the ACCESS EXCLUSIVE of CREATE TABLE ...
-- PARTITION OF. Attaching also clones the foreign key, a brief SHARE ROW EXCLUSIVE lock on licenses: callers set a
-- lock_timeout and try again later. Safe to call for a day that has its partition (returns false).
CREATE FUNCTION license_checks_create_partition(day date) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    partition text := format('license_checks_p%s', to_char(day, 'YYYYMMDD'));
    lower_bound timestamptz := day::timestamp AT TIME ZONE 'UTC';
    upper_bound timestamptz := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    -- Creators queue here one at a time (the lock conflicts with itself, not with inserts), so two servers making
    -- the same day cannot collide: the second finds the first's partition.
    LOCK TABLE license_checks IN SHARE UPDATE EXCLUSIVE MODE;
    IF EXISTS (
        SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'license_checks'::regclass AND c.relname = partition
    ) THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I (LIKE license_checks INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                   partition);
    EXECUTE format('ALTER TABLE license_checks ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   partition, lower_bound, upper_bound);
    RETURN true;
END $$;
COMMENT ON FUNCTION license_checks_create_partition(date) IS
    'Creates and attaches license_checks_pYYYYMMDD for one UTC day unless it exists; never blocks inserts into the log.';

-- Partitions for every day that has rows, then today and the next 7 days, so that a fresh database logs checks
-- before the background process first runs.
DO $$
BEGIN
    PERFORM license_checks_create_partition(day)
    FROM (
        SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day FROM license_checks_unpartitioned
        UNION
        SELECT generate_series(0, 7) + (now() AT TIME ZONE 'UTC')::date
    ) AS days
    ORDER BY day;
END $$;

INSERT INTO license_checks (id, created_at, license_id, product_id, requested_product_ids, ip, user_agent, info,
                            result, api, site_url, activation_id)
OVERRIDING SYSTEM VALUE
SELECT id, created_at, license_id, product_id, requested_product_ids, ip, user_agent, info, result, api, site_url,
       activation_id
FROM license_checks_unpartitioned;
SELECT setval(pg_get_serial_sequence('license_checks', 'id'), max(id)) FROM license_checks_unpartitioned
HAVING max(id) IS NOT NULL;

-- Indexes and the foreign key after the copy (one sort per index and one join, instead of work per row). Each
-- partition gets its own.
ALTER TABLE license_checks ADD CONSTRAINT license_checks_license_id_fkey
    FOREIGN KEY (license_id) REFERENCES licenses (id) ON DELETE SET NULL;
-- The primary key must hold the partition key; id alone stays unique through its identity sequence.
ALTER TABLE license_checks ADD CONSTRAINT license_checks_pkey PRIMARY KEY (id, created_at);
-- The admin's check page of a license (newest first), and ON DELETE SET NULL of a deleted license.
CREATE INDEX license_checks_license_id_idx ON license_checks (license_id, id DESC);
-- What makes a repeated write a no-op (INSERT ... ON CONFLICT DO NOTHING); also serves ranges of created_at, which
-- the BRIN index of the unpartitioned table did.
CREATE UNIQUE INDEX license_checks_request_idx ON license_checks (created_at, request_id);

-- The rollup behind reports.checks_daily: checks per UTC day, API and result of every row with id <= rolled_up_id.
-- The reports add the few rows after that position live. It keeps its days when retention drops their partitions:
-- the daily counts outlive the log (a few hundred rows a day at most).
CREATE TABLE check_log_daily (
    day    date NOT NULL,
    api    text NOT NULL,
    result text NOT NULL,
    checks bigint NOT NULL CHECK (checks >= 0),
    PRIMARY KEY (day, api, result)
);
COMMENT ON TABLE check_log_daily IS
    'Logged checks per UTC day, api and result, of every license_checks row with id <= check_log_rollup.rolled_up_id; kept when retention drops the log''s partitions. Read it through reports.checks_daily.';

-- Where the rollup stands (one row). Ids are handed out in insertion order but committed in any order, so the rollup
-- advances in three steps, each a run of check_log_roll_up(): it notes the id sequence's position (candidate_id);
-- a run at least a second later notes the first transaction id not yet assigned (candidate_xmax), by which time
-- every insert that took an id <= candidate_id has its transaction id; once no transaction older than
-- candidate_xmax is still running, every row with id <= candidate_id is committed or never will be, and is counted.
-- No row is counted twice (each id range is counted once, in the transaction that moves rolled_up_id past it) and
-- none is missed (no row with an id <= rolled_up_id can commit afterwards).
CREATE TABLE check_log_rollup (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    rolled_up_id   bigint NOT NULL,
    rolled_up_at   timestamptz,
    candidate_id   bigint NOT NULL,
    candidate_at   timestamptz NOT NULL,
    candidate_xmax xid8
);
COMMENT ON TABLE check_log_rollup IS
    'The position of the check_log_daily rollup in license_checks.id: rows with id <= rolled_up_id are counted there, later ones are counted live by the reports.';
INSERT INTO check_log_rollup (rolled_up_id, candidate_id, candidate_at)
SELECT 0, coalesce(pg_sequence_last_value(pg_get_serial_sequence('license_checks', 'id')::regclass), 0), '-infinity';

-- One step of the rollup; the background process calls it every few seconds under an advisory lock, and again while
-- it returns more than 0. Counts at most max_ids ids per call so that a large backlog (after this migration, or
-- after the background process was down) is caught up in short transactions. Returns how far rolled_up_id moved.
CREATE FUNCTION check_log_roll_up(max_ids bigint DEFAULT 1000000) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    state check_log_rollup;
    target bigint;
BEGIN
    SELECT * INTO state FROM check_log_rollup FOR UPDATE;
    IF state.candidate_xmax IS NULL THEN
        IF state.candidate_at <= clock_timestamp() - interval '1 second' THEN
            UPDATE check_log_rollup SET candidate_xmax = pg_snapshot_xmax(pg_current_snapshot());
        END IF;
        RETURN 0;
    END IF;
    IF pg_snapshot_xmin(pg_current_snapshot()) < state.candidate_xmax THEN
        RETURN 0;
    END IF;
    target := least(state.candidate_id, state.rolled_up_id + greatest(max_ids, 1));
    IF target > state.rolled_up_id THEN
        INSERT INTO check_log_daily AS d (day, api, result, checks)
        SELECT (c.created_at AT TIME ZONE 'UTC')::date, c.api, c.result, count(*)
        FROM license_checks c
        WHERE c.id > state.rolled_up_id AND c.id <= target
        GROUP BY 1, 2, 3
        ON CONFLICT (day, api, result) DO UPDATE SET checks = d.checks + excluded.checks;
    END IF;
    UPDATE check_log_rollup SET rolled_up_id = target, rolled_up_at = now();
    IF target = state.candidate_id THEN
        UPDATE check_log_rollup
        SET candidate_id = coalesce(pg_sequence_last_value(pg_get_serial_sequence('license_checks', 'id')::regclass), 0),
            candidate_at = clock_timestamp(), candidate_xmax = NULL;
    END IF;
    RETURN target - state.rolled_up_id;
END $$;
COMMENT ON FUNCTION check_log_roll_up(bigint) IS
    'One step of the check_log_daily rollup (see check_log_rollup); returns how many ids it moved past, 0 when it waits.';

-- The daily reports: the rollup up to rolled_up_id plus a live count of the rows after it (the last few seconds to
-- a minute of checks, found through each partition's primary key). Exact at every moment: a rollup step moves
-- counts and position in one transaction, and a report reads both in one snapshot.
CREATE OR REPLACE VIEW reports.checks_daily_by_api AS
SELECT t.day, t.api, t.result, sum(t.checks)::bigint AS checks
FROM (
    SELECT d.day, d.api, d.result, d.checks FROM check_log_daily d
    UNION ALL
    SELECT (c.created_at AT TIME ZONE 'UTC')::date, c.api, c.result, count(*)
    FROM license_checks c
    WHERE c.id > (SELECT r.rolled_up_id FROM check_log_rollup r)
    GROUP BY 1, 2, 3
) AS t
GROUP BY t.day, t.api, t.result;
COMMENT ON VIEW reports.checks_daily_by_api IS
    'reports.checks_daily split by API: check, multiple, v1 (FaxStore) or the FluentCart public action. Days stay after the log drops them (CHECK_LOG_RETENTION_DAYS).';

CREATE OR REPLACE VIEW reports.checks_daily AS
SELECT b.day, b.result, sum(b.checks)::bigint AS checks
FROM reports.checks_daily_by_api b
GROUP BY b.day, b.result;
COMMENT ON VIEW reports.checks_daily IS
    'Logged checks per UTC day and result, FaxStore checks and FluentCart public actions alike (see reports.checks_daily_by_api). Read from the rollup check_log_daily plus the newest rows live, so it stays fast on a log of billions of rows; days older than the log''s retention (CHECK_LOG_RETENTION_DAYS, default 90) stay, from the rollup.';

-- Unchanged from 007, replaced only so that it reads the new table; then the old one can go.
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

DROP TABLE license_checks_unpartitioned;
