/// The statements of update checks and package downloads.
enum UpdateSQL {
    /// A product and its license settings. $1 product id.
    static let product = PreparedStatement(
        "update_product",
        """
        SELECT \(ProductRelease.columns)
        FROM products p
        LEFT JOIN product_license_settings s ON s.product_id = p.id
        WHERE p.id = $1
        """
    )

    /// Records what an update check learned about an activation and its site (fluentcart.md §4.5 [O]). $1
    /// activation id, $2 the client's current version, $3 PHP version, $4 WordPress version.
    static let recordUpdateCheck = PreparedStatement(
        "update_record_check",
        """
        WITH activation AS (
            UPDATE license_activations
            SET last_update_version = $2, last_update_date = now(), updated_at = now()
            WHERE id = $1
            RETURNING site_id
        )
        UPDATE license_sites
        SET server_version = coalesce(nullif($3, ''), server_version),
            platform_version = coalesce(nullif($4, ''), platform_version)
        WHERE id = (SELECT site_id FROM activation) AND (nullif($3, '') IS NOT NULL OR nullif($4, '') IS NOT NULL)
        """
    )

    /// What a download token names, as it is now: the license's status, expiry and product, whether the
    /// activation still exists, and the product with its settings. $1 license id, $2 activation id (0 = none), $3
    /// product id. Always one row.
    static let download = PreparedStatement(
        "update_download",
        """
        SELECT l.id, l.status, extract(epoch FROM l.expiration_date)::float8,
               $2::bigint = 0
                   OR EXISTS (SELECT 1 FROM license_activations a WHERE a.id = $2::bigint AND a.license_id = $1),
               \(ProductRelease.columns)
        FROM (SELECT 1) AS one
        LEFT JOIN licenses l ON l.id = $1::bigint
        LEFT JOIN products p ON p.id = $3::bigint
        LEFT JOIN product_license_settings s ON s.product_id = p.id
        """
    )
}
