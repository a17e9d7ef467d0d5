/// Products' license settings records in PostgreSQL, for `licensing/products/{id}/settings` (fluentcart.md §8).
public struct ProductSettingsStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// The product's settings, with one entry per existing variation; defaults when it has no record.
    public func settings(productID: Int64) throws -> ProductSettings {
        guard try productExists(productID) else { throw DomainError(.notFound, "Product not found") }
        return try read(productID: productID, locking: false)
    }

    /// Applies a posted settings object in one transaction and records before and after. Nothing is written, and no
    /// audit row added, when the result equals what is there, so posting an unchanged GET answer changes nothing
    /// (operations.md §6), not even a product without a record. Returns whether anything changed.
    @discardableResult
    public func update(productID: Int64, with body: JSONValue?, actor: String) throws -> Bool {
        try connection.withTransaction { transaction in
            let store = ProductSettingsStore(connection: transaction)
            // The product row is locked against a concurrent save or release of the same product, which would
            // otherwise be lost between our read and our write. FOR NO KEY UPDATE lets licenses be issued meanwhile.
            let product = try transaction.query(
                "SELECT id FROM products WHERE id = $1 FOR NO KEY UPDATE",
                [productID.sql]
            )
            guard product.rowCount == 1 else { throw DomainError(.notFound, "Product not found") }
            let current = try store.read(productID: productID, locking: true)
            let updated = try ProductSettingsInput.apply(body, to: current)
            guard updated != current else { return false }
            try transaction.query(
                """
                INSERT INTO product_license_settings (product_id, settings, changelog, license_keys)
                VALUES ($1, $2::jsonb, $3, $4)
                ON CONFLICT (product_id) DO UPDATE
                SET settings = excluded.settings, changelog = excluded.changelog, license_keys = excluded.license_keys,
                    updated_at = now()
                """,
                [productID.sql, updated.storedJSON.serialized, updated.changelog, updated.licenseKeys]
            )
            // `get_license_version` answers the product's updated_at as `last_updated`.
            try transaction.query("UPDATE products SET updated_at = now() WHERE id = $1", [productID.sql])
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "product.license_settings",
                objectType: "product",
                objectID: productID,
                before: current.auditJSON,
                after: updated.auditJSON
            )
            return true
        }
    }

    private func productExists(_ productID: Int64) throws -> Bool {
        try connection.query("SELECT 1 FROM products WHERE id = $1", [productID.sql]).rowCount == 1
    }

    /// The record and the product's variations, read together.
    private func read(productID: Int64, locking: Bool) throws -> ProductSettings {
        let record = try connection.query(
            "SELECT settings::text AS settings, changelog, license_keys FROM product_license_settings WHERE product_id = $1"
                + (locking ? " FOR UPDATE" : ""),
            [productID.sql]
        ).rows.first
        let variations = try connection.query(
            "SELECT id, title, payment_type, repeat_interval FROM product_variations WHERE product_id = $1 ORDER BY id",
            [productID.sql]
        ).rows.map { row in
            ProductSettings.ExistingVariation(
                id: row.int("id") ?? 0,
                title: row["title"] ?? "",
                paymentType: row["payment_type"] ?? "onetime",
                repeatInterval: row["repeat_interval"]
            )
        }
        let stored = record?["settings"].flatMap { try? JSONParser.parse(Array($0.utf8)) }
        return ProductSettings(
            stored: stored,
            changelog: record?["changelog"] ?? "",
            licenseKeys: record?["license_keys"] ?? "",
            existing: variations
        )
    }
}
