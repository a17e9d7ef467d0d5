import Foundation

/// A customer's own licenses (fluentcart.md §9). Every statement is scoped to one customer id, so a key that
/// belongs to someone else is never read or written: it is refused like a key that does not exist.
public struct CustomerLicenseStore {
    let connection: PostgresConnection

    public init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// How `deactivate_site` names the site: a normalized URL (FluentCart's `site_url`), or the site's id (the seed's
    /// `site_id`).
    public enum Site: Sendable, Equatable {
        case url(SiteURL)
        case id(Int64)
    }

    /// One page of the customer's licenses, newest first (id desc), with the total count.
    public func page(
        customerID: Int64,
        page: Int64,
        perPage: Int64
    ) throws -> (licenses: [CustomerLicense], total: Int64) {
        let total =
            try connection.query(
                "SELECT count(*) FROM licenses WHERE customer_id = $1",
                [customerID.sql]
            ).int(row: 0, column: 0) ?? 0
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !overflow, offset < total else { return ([], total) }
        let rows = try connection.query(
            CustomerLicense.select + "\nWHERE l.customer_id = $1 ORDER BY l.id DESC LIMIT $2 OFFSET $3",
            [customerID.sql, perPage.sql, offset.sql]
        ).rows
        return (try rows.map(CustomerLicense.init(row:)), total)
    }

    /// The customer's license with this key (compared ignoring case, as keys are).
    public func find(key: String, customerID: Int64) throws -> CustomerLicense {
        guard let key = LicenseKey(key) else { throw CustomerLicenseRefusal(.licenseNotFound) }
        let row = try connection.query(
            CustomerLicense.select + "\nWHERE lower(l.license_key) = lower($1) AND l.customer_id = $2",
            [key.rawValue, customerID.sql]
        ).rows.first
        guard let row else { throw CustomerLicenseRefusal(.licenseNotFound) }
        return try CustomerLicense(row: row)
    }

    /// The license's activations, newest first.
    public func activations(of license: CustomerLicense) throws -> [CustomerLicenseActivation] {
        try connection.query(
            """
            SELECT a.id, a.site_id, s.site_url, a.is_local, a.status, a.created_at
            FROM license_activations a
            JOIN license_sites s ON s.id = a.site_id
            WHERE a.license_id = $1
            ORDER BY a.id DESC
            """,
            [license.id.sql]
        ).rows.map(CustomerLicenseActivation.init(row:))
    }

    /// Removes the license's activation on `site` and recounts, in one transaction under the license's row lock (so
    /// the count agrees with parallel public activations). Like the public deactivation, status and expiry are not
    /// checked, and the recount turns `inactive` into `active` (§2.2). The shared site row stays.
    public func deactivate(key: String, customerID: Int64, site: Site, actor: String) throws {
        guard let key = LicenseKey(key) else { throw CustomerLicenseRefusal(.licenseNotFound) }
        try connection.withTransaction { transaction in
            let before = try Self.lock(key, customerID: customerID, on: transaction)
            var siteURL: SiteURL?
            var siteID: Int64?
            switch site {
            case .url(let url): siteURL = url
            case .id(let id): siteID = id
            }
            let removed = try transaction.query(
                """
                DELETE FROM license_activations a USING license_sites s
                WHERE a.license_id = $1 AND a.site_id = s.id AND (lower(s.site_url) = lower($2) OR s.id = $3)
                RETURNING a.id, s.id AS site_id, s.site_url
                """,
                [before.id.sql, siteURL?.value, siteID?.sql]
            ).rows.first
            guard let removed else { throw CustomerLicenseRefusal(.siteNotActivated) }
            let row = try transaction.query(
                """
                UPDATE licenses
                SET activation_count = (SELECT count(*) FROM license_activations c
                                        WHERE c.license_id = $1 AND c.status = 'active' AND NOT c.is_local),
                    status = CASE WHEN status = 'inactive' THEN 'active' ELSE status END,
                    updated_at = now()
                WHERE id = $1
                RETURNING \(License.columns)
                """,
                [before.id.sql]
            ).row(0)
            let after = try License(row: row)
            var record = after.json
            if case .object(var object) = record {
                object["deactivated_site"] = .object([
                    "activation_id": .optional(removed.int("id")), "site_id": .optional(removed.int("site_id")),
                    "site_url": .optional(removed["site_url"]),
                ])
                record = .object(object)
            }
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "license.customer_deactivate_site",
                objectType: "license",
                objectID: before.id,
                before: before.json,
                after: record
            )
        }
    }

    /// Sets the owner's on/off switch (FaxStore's `authStatus`) and returns the license as the owner sees it.
    public func setOwnerEnabled(
        _ enabled: Bool,
        key: String,
        customerID: Int64,
        actor: String
    ) throws
        -> CustomerLicense
    {
        guard let key = LicenseKey(key) else { throw CustomerLicenseRefusal(.licenseNotFound) }
        return try connection.withTransaction { transaction in
            let before = try Self.lock(key, customerID: customerID, on: transaction)
            let row = try transaction.query(
                "UPDATE licenses SET owner_enabled = $2, updated_at = now() WHERE id = $1 RETURNING \(License.columns)",
                [before.id.sql, enabled.sql]
            ).row(0)
            let after = try License(row: row)
            try AuditLog.record(
                transaction,
                actor: actor,
                action: enabled ? "license.customer_enable" : "license.customer_disable",
                objectType: "license",
                objectID: before.id,
                before: before.json,
                after: after.json
            )
            let updated = try transaction.query(
                CustomerLicense.select + "\nWHERE l.id = $1",
                [before.id.sql]
            ).row(0)
            return try CustomerLicense(row: updated)
        }
    }

    /// Locks the customer's license row; every change to a license's activations takes this lock first.
    private static func lock(_ key: LicenseKey, customerID: Int64, on connection: PostgresConnection) throws -> License
    {
        let row = try connection.query(
            "SELECT \(License.columns) FROM licenses WHERE lower(license_key) = lower($1) AND customer_id = $2 FOR UPDATE",
            [key.rawValue, customerID.sql]
        ).rows.first
        guard let row else { throw CustomerLicenseRefusal(.licenseNotFound) }
        return try License(row: row)
    }
}
