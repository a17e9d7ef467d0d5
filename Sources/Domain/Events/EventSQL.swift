/// The statements of `EventStore`, kept beside it; every value is a bind parameter.
enum EventSQL {
    /// Claims the id: one row when this request owns the event, none when another request has (or had) it.
    static let claim = PreparedStatement(
        "event_claim",
        """
        INSERT INTO event_inbox (event_id, type, body_sha256, result) VALUES ($1, $2, $3, '{}')
        ON CONFLICT (event_id) DO NOTHING RETURNING event_id
        """
    )
    static let recordResult = PreparedStatement(
        "event_record_result",
        "UPDATE event_inbox SET result = $2::jsonb WHERE event_id = $1"
    )
    static let previous = PreparedStatement(
        "event_previous",
        "SELECT body_sha256, result::text AS result FROM event_inbox WHERE event_id = $1"
    )
    static let upsertCustomer = PreparedStatement(
        "event_upsert_customer",
        """
        INSERT INTO customers (email, first_name, last_name) VALUES ($1, $2, $3)
        ON CONFLICT ((lower(email))) DO UPDATE SET updated_at = customers.updated_at
        RETURNING id
        """
    )
    /// Takes the order's row lock, so two events for one order run one after the other.
    static let upsertOrder = PreparedStatement(
        "event_upsert_order",
        """
        INSERT INTO orders (id, parent_id, type, customer_id) VALUES ($1, $2, $3, $4)
        ON CONFLICT (id) DO UPDATE SET parent_id = COALESCE(EXCLUDED.parent_id, orders.parent_id),
            type = EXCLUDED.type, customer_id = COALESCE(EXCLUDED.customer_id, orders.customer_id), updated_at = now()
        """
    )
    static let upsertSubscription = PreparedStatement(
        "event_upsert_subscription",
        """
        INSERT INTO subscriptions (id, next_billing_date, reactivate_url) VALUES ($1, $2::timestamptz, COALESCE($3, ''))
        ON CONFLICT (id) DO UPDATE SET
            next_billing_date = COALESCE(EXCLUDED.next_billing_date, subscriptions.next_billing_date),
            reactivate_url = COALESCE($3, subscriptions.reactivate_url), updated_at = now()
        """
    )
    static let orderHasLicenses = PreparedStatement(
        "event_order_has_licenses",
        "SELECT EXISTS (SELECT 1 FROM licenses WHERE order_id = $1) AS found"
    )
    static let orderParent = PreparedStatement("event_order_parent", "SELECT parent_id FROM orders WHERE id = $1")
    static let orderCustomer = PreparedStatement("event_order_customer", "SELECT customer_id FROM orders WHERE id = $1")
    /// The product's settings and whether the variation belongs to it; no row when the product does not exist.
    static let productSettings = PreparedStatement(
        "event_product_settings",
        """
        SELECT s.settings::text AS settings,
               EXISTS (SELECT 1 FROM product_variations v WHERE v.id = $2 AND v.product_id = p.id) AS variation_exists
        FROM products p LEFT JOIN product_license_settings s ON s.product_id = p.id
        WHERE p.id = $1
        """
    )
    static let lockByOrders = PreparedStatement(
        "event_lock_by_orders",
        "SELECT \(License.columns) FROM licenses WHERE order_id = ANY($1::bigint[]) ORDER BY id FOR UPDATE"
    )
    /// Licenses of the upgraded order: still on it, or moved from it by an earlier upgrade.
    static let lockUpgradable = PreparedStatement(
        "event_lock_upgradable",
        """
        SELECT \(License.columns) FROM licenses
        WHERE product_id = $2 AND (order_id = $1 OR config -> 'prev_order_ids' @> jsonb_build_array($1::bigint))
        ORDER BY id FOR UPDATE
        """
    )
    static let lockBySubscription = PreparedStatement(
        "event_lock_by_subscription",
        "SELECT \(License.columns) FROM licenses WHERE subscription_id = $1 ORDER BY id FOR UPDATE"
    )
    static let insertLicense = PreparedStatement(
        "event_insert_license",
        """
        INSERT INTO licenses (license_key, product_id, variation_id, order_id, customer_id, subscription_id,
                              activation_limit, status, expiration_date)
        VALUES ($1, $2, $3, $4, $5, $6, $7, 'inactive',
                CASE WHEN $8::timestamptz IS NOT NULL THEN $8::timestamptz ELSE now() + $9::interval END)
        RETURNING \(License.columns)
        """
    )
    static let updateLicense = PreparedStatement(
        "event_update_license",
        """
        UPDATE licenses SET status = $2, expiration_date = $3::timestamptz, config = $4::jsonb, activation_limit = $5,
               variation_id = $6, order_id = $7, subscription_id = $8, updated_at = now()
        WHERE id = $1
        RETURNING \(License.columns)
        """
    )
}
