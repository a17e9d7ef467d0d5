/// Products, their default variation and their license settings, in PostgreSQL.
public struct ProductStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Creates the product with one default variation and, unless told otherwise, its license settings, in one
    /// transaction.
    public func create(_ new: NewProduct, actor: String) throws -> Product {
        let title = new.title.trimmingWhitespace
        guard !title.isEmpty else { throw DomainError(.invalidInput, "title must not be empty") }
        let slug = new.slug ?? Product.slug(from: title)
        guard Product.isValidSlug(slug) else {
            throw DomainError(.invalidInput, "slug may only contain a-z, 0-9 and -")
        }
        if let settings = new.licenseSettings {
            guard LicenseKey.isValidPrefix(settings.prefix) else {
                throw DomainError(.invalidInput, "prefix may only contain letters, digits, - and _ (at most 32)")
            }
            if let limit = settings.activationLimit, limit < 0 {
                throw DomainError(.invalidInput, "activation limit must be 0 or more")
            }
        }
        return try connection.withTransaction { transaction in
            let productRow = try transaction.query(
                "INSERT INTO products (title, slug, description) VALUES ($1, $2, $3) RETURNING id",
                [title, slug, new.description]
            ).row(0)
            guard let productID = productRow.int("id") else { throw DomainError(.internalFailure, "no product id") }
            let variationRow = try transaction.query(
                "INSERT INTO product_variations (product_id, title) VALUES ($1, $2) RETURNING id",
                [productID.sql, title]
            ).row(0)
            guard let variationID = variationRow.int("id") else {
                throw DomainError(.internalFailure, "no variation id")
            }
            if let settings = new.licenseSettings {
                let json = Self.settingsJSON(settings, variationID: variationID)
                try transaction.query(
                    "INSERT INTO product_license_settings (product_id, settings) VALUES ($1, $2::jsonb)",
                    [productID.sql, json.serialized]
                )
            }
            let product = Product(
                id: productID,
                title: title,
                slug: slug,
                description: new.description,
                defaultVariationID: variationID
            )
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "product.create",
                objectType: "product",
                objectID: productID,
                before: nil,
                after: product.json
            )
            return product
        }
    }

    /// FluentCart's settings record: variations are a map keyed by variation id.
    static func settingsJSON(_ settings: NewProduct.LicenseSettings, variationID: Int64) -> JSONValue {
        let limit: JSONValue = settings.activationLimit.map(JSONValue.integer) ?? .string("")
        let variation: JSONValue = .object([
            "variation_id": .integer(variationID), "activation_limit": limit, "validity": settings.validity.json,
        ])
        return .object([
            "enabled": .string(settings.enabled ? "yes" : "no"),
            "version": .string(settings.version),
            "global_update_file": .null,
            "variations": .object(JSONObject(dictionaryLiteral: (String(variationID), variation))),
            "wp": .object([
                "is_wp": "yes", "readme_url": "", "banner_url": "", "icon_url": "", "required_php": "",
                "required_wp": "",
            ]),
            "prefix": .string(settings.prefix),
        ])
    }
}
