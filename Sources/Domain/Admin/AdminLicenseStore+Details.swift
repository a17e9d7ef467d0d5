import Foundation

extension AdminLicenseStore {
    /// `GET licensing/licenses/{id}`: the license and everything around it, read in one snapshot; nil when there is
    /// no such license. Download links are signed with `secret` at `now` (valid 48 hours, §4.6).
    public func details(id: Int64, secret: DownloadSecret, now: Date = Date()) throws -> LicenseDetails? {
        try database.run { connection in
            try connection.withTransaction { transaction in
                try transaction.query(AdminLicenseSQL.snapshot)
                guard let row = try transaction.query(AdminLicenseSQL.find, [id.sql]).rows.first else { return nil }
                let license = try AdminLicense(row: row)
                let productID = license.license.productID
                let variants = try transaction.query(AdminLicenseSQL.variants, [productID.sql]).rows.compactMap {
                    row -> LicenseDetails.Variant? in
                    guard let id = row.int("id") else { return nil }
                    return LicenseDetails.Variant(
                        id: id,
                        title: row["title"] ?? "",
                        paymentType: row["payment_type"] ?? "onetime"
                    )
                }
                let settings = try transaction.query(AdminLicenseSQL.settings, [productID.sql]).rows.first?["settings"]
                let download = Self.download(
                    settings: settings.flatMap { try? JSONParser.parse(Array($0.utf8)) }.map(LicenseSettings.init),
                    license: license,
                    variants: variants,
                    secret: secret,
                    now: now
                )
                return LicenseDetails(
                    license: license,
                    activations: try transaction.query(AdminLicenseSQL.activations, [id.sql]).rows.map(
                        Self.activation
                    ),
                    variants: variants,
                    orders: try transaction.query(AdminLicenseSQL.orders, [license.license.orderID?.sql]).rows.map(
                        Self.order
                    ),
                    subscription: try transaction.query(
                        AdminLicenseSQL.subscription,
                        [license.license.subscriptionID?.sql]
                    ).rows.first.map(Self.subscription),
                    downloads: download.map { [$0] } ?? []
                )
            }
        }
    }

    /// The product's release, when licensing is on and a file is set: a package link for the license without an
    /// activation, valid 48 hours, which the public download checks again when it is used (§4.6).
    private static func download(
        settings: LicenseSettings?,
        license: AdminLicense,
        variants: [LicenseDetails.Variant],
        secret: DownloadSecret,
        now: Date
    ) -> LicenseDetails.Download? {
        guard let settings, settings.enabled, settings.updateFile != nil else { return nil }
        let token = DownloadToken(
            purpose: .package,
            licenseID: license.license.id,
            activationID: 0,
            productID: license.license.productID,
            issuedAt: now
        )
        return LicenseDetails.Download(
            productTitle: license.productTitle ?? "",
            variationTitles: variants.map(\.title),
            packageToken: token.signed(secret: secret.bytes)
        )
    }

    private static func activation(_ row: QueryResult.Row) -> LicenseDetails.Activation {
        LicenseDetails.Activation(
            id: row.int("id") ?? 0,
            siteID: row.int("site_id") ?? 0,
            licenseID: row.int("license_id") ?? 0,
            status: row["status"] ?? "active",
            isLocal: row.bool("is_local") ?? false,
            productID: row.int("product_id") ?? 0,
            variationID: row.int("variation_id"),
            activationMethod: row["activation_method"] ?? "key_based",
            hash: row["activation_hash"] ?? "",
            lastUpdateVersion: row["last_update_version"] ?? "",
            lastUpdateDate: row["last_update_date"].flatMap(Timestamp.parsePostgres),
            createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"]),
            site: LicenseDetails.Site(
                id: row.int("site_id") ?? 0,
                url: row["site_url"] ?? "",
                serverVersion: row["server_version"] ?? "",
                platformVersion: row["platform_version"] ?? "",
                other: row["other"].flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .array([]),
                createdAt: date(row["site_created_at"]),
                updatedAt: date(row["site_updated_at"])
            )
        )
    }

    private static func order(_ row: QueryResult.Row) -> LicenseDetails.Order {
        LicenseDetails.Order(
            id: row.int("id") ?? 0,
            uuid: row["uuid"] ?? "",
            parentID: row.int("parent_id"),
            type: row["type"] ?? "",
            customerID: row.int("customer_id"),
            createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"])
        )
    }

    private static func subscription(_ row: QueryResult.Row) -> LicenseDetails.Subscription {
        LicenseDetails.Subscription(
            id: row.int("id") ?? 0,
            nextBillingDate: row["next_billing_date"].flatMap(Timestamp.parsePostgres),
            reactivateURL: row["reactivate_url"] ?? "",
            createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"])
        )
    }

    private static func date(_ text: String?) -> Date {
        text.flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
    }
}
