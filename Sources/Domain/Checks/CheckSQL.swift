/// The two statements of a FaxStore check; both return the expiry as Unix seconds, cheaper to read than text.
/// Parameters: $1 product ids (bigint[]), $2 presented key, $3 single?
/// and, for the logged form, $4 client IP, $5 user agent, $6 info, $7 api, $8 grace days, $9 success status.
enum CheckSQL {
    /// Looks the license up; nothing is written (`log=false`).
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

    /// Looks up, decides, logs the row and bumps the counters in one statement: one round trip, one commit.
    static let logged = PreparedStatement(
        "check_logged",
        """
        WITH found AS (
            SELECT CASE WHEN $3 THEN EXISTS (SELECT 1 FROM products WHERE id = ($1::bigint[])[1]) ELSE true END
                       AS product_exists,
                   l.id AS license_id, l.product_id, l.status, l.owner_enabled, l.expiration_date, l.ip_lock, l.ip
            FROM (SELECT 1) AS one
            LEFT JOIN licenses l ON lower(l.license_key) = lower($2) AND l.product_id = ANY ($1::bigint[])
        ), decided AS (
            SELECT found.*,
                   CASE WHEN NOT product_exists THEN 'NOT FOUND'
                        ELSE faxstore_check_result(license_id IS NOT NULL, status, owner_enabled, expiration_date,
                                                   ip_lock, ip, $4::inet, $8::integer, $9)
                   END AS result
            FROM found
        ), counted AS (
            UPDATE licenses SET total_requests = total_requests + 1, last_request_at = now()
            FROM decided WHERE licenses.id = decided.license_id
        ), logged AS (
            INSERT INTO license_checks (license_id, product_id, requested_product_ids, ip, user_agent, info, result, api)
            SELECT license_id,
                   CASE WHEN $3 THEN ($1::bigint[])[1] ELSE product_id END,
                   CASE WHEN $3 THEN NULL ELSE $1::bigint[] END,
                   $4::inet, $5, $6, result, $7
            FROM decided
        )
        SELECT product_exists, license_id, product_id, status, owner_enabled,
               extract(epoch FROM expiration_date)::float8, ip_lock, host(ip), result
        FROM decided
        """
    )
}
