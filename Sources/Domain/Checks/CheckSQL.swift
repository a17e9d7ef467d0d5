/// The statements of a FaxStore check.
enum CheckSQL {
    /// Looks the license up; the decision is `CheckDecision`'s. Parameters: $1 product ids (bigint[]), $2 the
    /// presented key, $3 single check? Returns product existence, then the license's id, product, status, owner
    /// switch, expiry (Unix seconds, cheaper to read than text), IP lock and IP.
    static let lookup = PreparedStatement(
        "check_lookup",
        """
        SELECT CASE WHEN $3 THEN EXISTS (SELECT 1 FROM products WHERE id = ($1::bigint[])[1]) ELSE true END,
               l.id, l.product_id, l.status, l.owner_enabled, extract(epoch FROM l.expiration_date)::float8, l.ip_lock,
               host(l.ip)
        FROM (SELECT 1) AS one
        LEFT JOIN licenses l ON lower(l.license_key) = lower($2) AND l.product_id = ANY ($1::bigint[])
        """
    )

    /// Writes a batch of check-log rows and bumps the FaxStore counters of their licenses in one statement and one
    /// commit. Parameters are parallel arrays: license ids, product ids, requested product ids (text of bigint[]),
    /// IPs, user agents, infos, results, APIs, site URLs, activation ids, whether the row moves counters, request
    /// ids, and the times of the checks in microseconds since 1970.
    ///
    /// Idempotent: a row whose (created_at, request_id) is already logged is skipped, and only the rows inserted now
    /// move the counters, so a batch whose first write's outcome is unknown can be written again.
    ///
    /// The license rows are locked in id order before the update. Two batches that count the same licenses would
    /// otherwise lock them in whatever order the plan reads them (a small `licenses` table is read sequentially, in
    /// the order its row versions happen to lie), deadlock, and stall both for `deadlock_timeout` (1 s).
    static let logBatch = PreparedStatement(
        "check_log_batch_v4",
        """
        WITH entry AS (
            SELECT *
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::inet[], $5::text[], $6::text[], $7::text[],
                        $8::text[], $9::text[], $10::bigint[], $11::bool[], $12::uuid[], $13::bigint[])
                AS e(license_id, product_id, requested_product_ids, ip, user_agent, info, result, api, site_url,
                     activation_id, moves_counters, request_id, created_us)
        ), logged AS (
            INSERT INTO license_checks (created_at, request_id, license_id, product_id, requested_product_ids, ip,
                                        user_agent, info, result, api, site_url, activation_id)
            SELECT timestamptz 'epoch' + created_us * interval '1 microsecond', request_id, license_id, product_id,
                   requested_product_ids::bigint[], ip, user_agent, info, result, api, site_url, activation_id
            FROM entry
            ON CONFLICT (created_at, request_id) DO NOTHING
            RETURNING request_id
        ), counted AS (
            SELECT entry.license_id, count(*) AS checks
            FROM entry JOIN logged ON logged.request_id = entry.request_id
            WHERE entry.license_id IS NOT NULL AND entry.moves_counters
            GROUP BY entry.license_id
        ), locked AS MATERIALIZED (
            SELECT id FROM licenses WHERE id IN (SELECT license_id FROM counted) ORDER BY id FOR NO KEY UPDATE
        )
        UPDATE licenses SET total_requests = total_requests + counted.checks, last_request_at = now()
        FROM locked JOIN counted ON counted.license_id = locked.id
        WHERE licenses.id = locked.id
        """
    )
}
