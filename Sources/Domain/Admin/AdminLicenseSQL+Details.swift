extension AdminLicenseSQL {
    /// Every read of the details page sees one snapshot.
    static let snapshot = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

    /// The license's activations and their sites, oldest first. $1 license id.
    static let activations = """
        SELECT a.id, a.site_id, a.license_id, a.status, a.is_local, a.product_id, a.variation_id, a.activation_method,
               a.activation_hash, a.last_update_version, a.last_update_date, a.created_at, a.updated_at,
               s.site_url, s.server_version, s.platform_version, s.other::text AS other,
               s.created_at AS site_created_at, s.updated_at AS site_updated_at
        FROM license_activations a JOIN license_sites s ON s.id = a.site_id
        WHERE a.license_id = $1
        ORDER BY a.id
        """

    /// $1 product id.
    static let variants = """
        SELECT id, title, payment_type FROM product_variations WHERE product_id = $1 ORDER BY id
        """

    /// $1 product id.
    static let settings = "SELECT settings::text AS settings FROM product_license_settings WHERE product_id = $1"

    /// The order and its children, the order first. $1 order id (NULL gives none).
    static let orders = """
        SELECT id, uuid, parent_id, type, customer_id, created_at, updated_at
        FROM orders WHERE id = $1 OR parent_id = $1
        ORDER BY id <> $1, id
        """

    /// $1 subscription id (NULL gives none).
    static let subscription = """
        SELECT id, next_billing_date, reactivate_url, created_at, updated_at FROM subscriptions WHERE id = $1
        """

    /// A page of the license's check log, newest first. $1 license id, $2 result or NULL, $3 limit, $4 offset.
    static let checks = """
        SELECT \(LicenseCheckRow.columns)
        FROM license_checks
        WHERE license_id = $1 AND ($2::text IS NULL OR lower(result) = lower($2::text))
        ORDER BY id DESC
        LIMIT $3 OFFSET $4
        """

    /// $1 license id, $2 result or NULL.
    static let checkCount = """
        SELECT count(*) AS total FROM license_checks
        WHERE license_id = $1 AND ($2::text IS NULL OR lower(result) = lower($2::text))
        """
}
