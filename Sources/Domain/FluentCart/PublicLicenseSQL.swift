/// The statements of the public protocol. Each is prepared once per connection.
enum PublicLicenseSQL {
    /// A license by key, with its activation on a site when a site is named. $1 key, $2 site URL or NULL.
    static let byKey = PreparedStatement(
        "public_license_by_key",
        """
        SELECT \(PublicLicense.columns)
        FROM licenses l
        \(PublicLicense.joins)
        LEFT JOIN LATERAL (
            SELECT a.id, a.activation_hash, a.site_id
            FROM license_sites s
            JOIN license_activations a ON a.site_id = s.id AND a.license_id = l.id AND a.status = 'active'
            WHERE lower(s.site_url) = lower($2::text)
        ) a ON true
        WHERE lower(l.license_key) = lower($1)
        """
    )

    /// An activation by its hash, with its license (NULLs when the license is gone). $1 hash, lowercase.
    static let byHash = PreparedStatement(
        "public_license_by_hash",
        """
        SELECT \(PublicLicense.columns)
        FROM license_activations a
        LEFT JOIN licenses l ON l.id = a.license_id
        \(PublicLicense.joins)
        WHERE a.activation_hash = $1 AND a.status = 'active'
        """
    )

    /// Locks the license row for an activation change; every change to a license's activations takes this lock
    /// first, so that counts and limits are decided one change at a time. $1 key.
    static let lockByKey = PreparedStatement(
        "public_license_lock",
        """
        SELECT \(PublicLicense.columns)
        FROM licenses l
        \(PublicLicense.joins)
        LEFT JOIN LATERAL (SELECT NULL::bigint AS id, NULL::text AS activation_hash, NULL::bigint AS site_id) a ON true
        WHERE lower(l.license_key) = lower($1)
        FOR UPDATE OF l
        """
    )

    /// Under the license lock: the site, this license's activation on it, and the license's counted activations,
    /// read in a snapshot taken after the lock, so that they include every change committed before it.
    /// $1 license id, $2 site URL. Always one row.
    static let siteUnderLock = PreparedStatement(
        "public_site_under_lock",
        """
        SELECT s.id, a.id, a.activation_hash, a.status,
               (SELECT count(*) FROM license_activations c
                WHERE c.license_id = $1 AND c.status = 'active' AND NOT c.is_local)
        FROM (SELECT 1) AS one
        LEFT JOIN license_sites s ON lower(s.site_url) = lower($2)
        LEFT JOIN license_activations a ON a.site_id = s.id AND a.license_id = $1
        """
    )

    /// Creates (or refreshes) the site, activates the license on it and stores the recount, in one statement.
    /// $1 license id, $2 site URL, $3 server (PHP) version, $4 platform (WordPress) version, $5 is local, $6 new
    /// hash, $7 the recounted activations. Returns the activation and the license's new count, status and
    /// updated_at.
    static let activate = PreparedStatement(
        "public_activate",
        """
        WITH site AS (
            INSERT INTO license_sites (site_url, server_version, platform_version) VALUES ($2, $3, $4)
            ON CONFLICT ((lower(site_url))) DO UPDATE
            SET server_version = coalesce(nullif(excluded.server_version, ''), license_sites.server_version),
                platform_version = coalesce(nullif(excluded.platform_version, ''), license_sites.platform_version),
                updated_at = now()
            RETURNING id
        ), activation AS (
            INSERT INTO license_activations (site_id, license_id, status, is_local, product_id, variation_id,
                                             activation_hash, last_update_date)
            SELECT site.id, l.id, 'active', $5, l.product_id, l.variation_id, $6, now()
            FROM site, licenses l
            WHERE l.id = $1
            ON CONFLICT (license_id, site_id) DO UPDATE
            SET status = 'active', is_local = excluded.is_local, updated_at = now()
            RETURNING id, activation_hash, site_id
        ), license AS (
            UPDATE licenses
            SET activation_count = $7,
                status = CASE WHEN status = 'inactive' THEN 'active' ELSE status END,
                updated_at = now()
            WHERE id = $1
            RETURNING activation_count, status, extract(epoch FROM updated_at)::float8 AS updated
        )
        SELECT activation.id, activation.activation_hash, activation.site_id, license.activation_count,
               license.status, license.updated
        FROM activation, license
        """
    )

    /// Under the license lock: removes the license's activation on the site (if any) and stores the recount. $1
    /// license id, $2 site URL. One row: the site id (NULL when no such site, and then nothing changed), the
    /// activation removed (or NULL), and the license's count, status and updated_at (NULL when nothing changed).
    static let deactivate = PreparedStatement(
        "public_deactivate",
        """
        WITH site AS (
            SELECT id FROM license_sites WHERE lower(site_url) = lower($2)
        ), gone AS (
            DELETE FROM license_activations a USING site
            WHERE a.license_id = $1 AND a.site_id = site.id
            RETURNING a.id
        ), license AS (
            UPDATE licenses
            SET activation_count = (
                    SELECT count(*) FROM license_activations c
                    WHERE c.license_id = $1 AND c.status = 'active' AND NOT c.is_local
                      AND c.id NOT IN (SELECT id FROM gone)),
                status = CASE WHEN status = 'inactive' THEN 'active' ELSE status END,
                updated_at = now()
            WHERE id = $1 AND EXISTS (SELECT 1 FROM site)
            RETURNING activation_count, status, extract(epoch FROM updated_at)::float8 AS updated
        )
        SELECT (SELECT id FROM site), (SELECT id FROM gone), license.activation_count, license.status,
               license.updated
        FROM (SELECT 1) AS one
        LEFT JOIN license ON true
        """
    )
}
