import Foundation

/// The `settings/license` registration record (fluentcart.md §10): which of our own licenses this installation is
/// registered with, activated on which domain. Registering activates the key under `activate_license`'s rules
/// (§4.3) without `item_id`, with the public protocol's statements under the license's row lock, so the activation
/// limit holds against parallel public activations; the activation, the record and the audit row commit together.
public struct LicenseRegistrationStore {
    let connection: PostgresConnection
    let expiry: Expiry

    /// The `settings` key of the record, `{"license_id": N, "domain": "<normalized site>"}`.
    static let settingKey = "license_registration"

    public init(connection: PostgresConnection, expiry: Expiry) {
        self.connection = connection
        self.expiry = expiry
    }

    /// The registration, or nil when there is none, or when its license has been deleted since (which leaves
    /// nothing to show or deactivate).
    public func current() throws -> LicenseRegistration? {
        try record(locking: false).flatMap { try load(licenseID: $0.licenseID, domain: $0.domain) }
    }

    /// Activates `key` on `domain` and records it: 400-class refusals for a missing or unknown key, an expired or
    /// disabled license, or no activation left; 409-class when a registration exists. A site the license is already
    /// active on is reused without a limit check, as in §4.3.
    public func register(
        key: String?,
        domain: SiteURL,
        actor: String,
        now: Date = Date()
    ) throws
        -> LicenseRegistration
    {
        guard let key = key.flatMap(LicenseKey.init) else { throw LicenseRegistrationRefusal(.invalidKey) }
        return try connection.withTransaction { transaction in
            let store = LicenseRegistrationStore(connection: transaction, expiry: expiry)
            // Creates the record's row (holding JSON null) unless it exists, then locks it, so that registrations
            // and removals are decided one at a time; a refusal rolls the placeholder back.
            try transaction.query(
                "INSERT INTO settings (key, value) VALUES ($1, 'null'::jsonb) ON CONFLICT (key) DO NOTHING",
                [Self.settingKey]
            )
            if let existing = try store.record(locking: true), try store.load(licenseID: existing.licenseID) != nil {
                throw LicenseRegistrationRefusal(.alreadyRegistered)
            }
            let license: PublicLicense
            do {
                license = try PublicLicenseStore.lock(key, on: transaction)
            } catch is PublicRefusal {
                throw LicenseRegistrationRefusal(.invalidKey)
            }
            switch license.publicStatus(expiry: expiry, now: now) {
            case .expired: throw LicenseRegistrationRefusal(.licenseExpired)
            case .invalid: throw LicenseRegistrationRefusal(.licenseNotActive)
            case .valid: break
            }
            let standing = try SiteActivationLedger.standing(licenseID: license.id, site: domain, on: transaction)
            var activationID = standing.activeID
            if activationID == nil {
                if !domain.isLocal, license.activationLimit != 0, standing.counted >= license.activationLimit {
                    throw LicenseRegistrationRefusal(.domainLimitReached)
                }
                activationID = try SiteActivationLedger.activate(
                    licenseID: license.id,
                    site: domain,
                    versions: PublicLicenseStore.SiteVersions(server: "", platform: ""),
                    standing: standing,
                    on: transaction
                ).activation.id
            }
            let record: JSONValue = .object(["license_id": .integer(license.id), "domain": .string(domain.value)])
            try transaction.query(
                "UPDATE settings SET value = $2::jsonb, updated_at = now() WHERE key = $1",
                [Self.settingKey, record.serialized]
            )
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "settings.license_register",
                objectType: "license",
                objectID: license.id,
                before: nil,
                after: .object([
                    "license_key": .string(license.key), "domain": .string(domain.value),
                    "activation_id": .optional(activationID),
                ])
            )
            guard let registration = try store.load(licenseID: license.id, domain: domain.value) else {
                throw DomainError(.internalFailure, "registered license not readable")
            }
            return registration
        }
    }

    /// Deactivates the registered license on `domain` (default: the registered domain) and clears the record. `key`,
    /// when given, must be the registered license's key (ignoring case). Status and expiry are not checked, so a
    /// lapsed registration can still be removed.
    public func unregister(key: String?, domain: SiteURL?, actor: String) throws -> LicenseRegistration {
        try connection.withTransaction { transaction in
            let store = LicenseRegistrationStore(connection: transaction, expiry: expiry)
            guard let record = try store.record(locking: true),
                let registered = try store.load(licenseID: record.licenseID, domain: record.domain)
            else { throw LicenseRegistrationRefusal(.notRegistered) }
            if let key, key.lowercased() != registered.key.lowercased() {
                throw LicenseRegistrationRefusal(.notRegistered)
            }
            guard let site = domain ?? SiteURL(record.domain) else {
                throw LicenseRegistrationRefusal(.domainNotFound)
            }
            try transaction.query("SELECT id FROM licenses WHERE id = $1 FOR UPDATE", [registered.licenseID.sql])
            let removed = try transaction.query(PublicLicenseSQL.deactivate, [registered.licenseID.sql, site.value])
            guard let activationID = removed.int(row: 0, column: 1) else {
                throw LicenseRegistrationRefusal(.domainNotFound)
            }
            try transaction.query("DELETE FROM settings WHERE key = $1", [Self.settingKey])
            try AuditLog.record(
                transaction,
                actor: actor,
                action: "settings.license_unregister",
                objectType: "license",
                objectID: registered.licenseID,
                before: .object([
                    "license_key": .string(registered.key), "domain": .string(record.domain),
                ]),
                after: .object([
                    "deactivated_domain": .string(site.value), "activation_id": .integer(activationID),
                ])
            )
            guard let after = try store.load(licenseID: registered.licenseID, domain: record.domain) else {
                throw DomainError(.internalFailure, "registered license not readable")
            }
            return after
        }
    }

    /// The stored record; nil when there is none or it holds no license (the placeholder of a registration in
    /// progress).
    private func record(locking: Bool) throws -> (licenseID: Int64, domain: String)? {
        let result = try connection.query(
            "SELECT value::text FROM settings WHERE key = $1" + (locking ? " FOR UPDATE" : ""),
            [Self.settingKey]
        )
        guard let text = result.string(row: 0, column: 0), let value = try? JSONParser.parse(Array(text.utf8)),
            case .integer(let licenseID)? = value["license_id"]
        else { return nil }
        return (licenseID, value["domain"]?.stringValue ?? "")
    }

    /// The license with its active sites; nil when it is gone.
    private func load(licenseID: Int64, domain: String = "") throws -> LicenseRegistration? {
        guard
            let row = try connection.query(
                """
                SELECT l.id, l.license_key, l.status, l.expiration_date, l.activation_limit, l.customer_id,
                       l.product_id, l.variation_id, v.title AS variation_title, l.created_at, l.updated_at
                FROM licenses l LEFT JOIN product_variations v ON v.id = l.variation_id
                WHERE l.id = $1
                """,
                [licenseID.sql]
            ).rows.first,
            let key = row["license_key"], let status = row["status"].flatMap(LicenseStatus.init(rawValue:)),
            let productID = row.int("product_id")
        else { return nil }
        let domains = try connection.query(
            """
            SELECT a.id, s.site_url FROM license_activations a JOIN license_sites s ON s.id = a.site_id
            WHERE a.license_id = $1 AND a.status = 'active'
            ORDER BY a.id
            """,
            [licenseID.sql]
        ).rows.map { LicenseRegistration.ActiveDomain(id: $0.int("id") ?? 0, domain: $0["site_url"] ?? "") }
        return LicenseRegistration(
            licenseID: licenseID,
            key: key,
            status: status,
            expirationDate: row["expiration_date"].flatMap(Timestamp.parsePostgres),
            limit: row.int("activation_limit") ?? 0,
            customerID: row.int("customer_id"),
            productID: productID,
            variationID: row.int("variation_id"),
            variationTitle: row["variation_title"],
            createdAt: row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0),
            updatedAt: row["updated_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0),
            activeDomains: domains,
            domain: domain
        )
    }
}
