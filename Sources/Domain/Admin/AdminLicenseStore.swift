import Foundation

/// The admin license actions of fluentcart.md §6. Every write is one transaction that first locks the license row
/// (`SELECT … FOR UPDATE`), so it is ordered with every other change to that license, public activations included,
/// and records its before and after in the audit log before it commits.
public struct AdminLicenseStore {
    let database: Database
    let expiry: Expiry
    /// Queues `activation_created` and `activation_limit_reached` in the activation's transaction.
    let webhooks: WebhookOutbox

    public init(database: Database, expiry: Expiry, webhooks: WebhookOutbox = WebhookOutbox(targets: [])) {
        self.database = database
        self.expiry = expiry
        self.webhooks = webhooks
    }

    /// Whether a license has this id: lets the API answer an unknown id with 404 before it complains about input.
    public func exists(id: Int64) throws -> Bool {
        try database.run { connection in try connection.query(AdminLicenseSQL.exists, [id.sql]).rowCount == 1 }
    }

    /// `regenerate-key`: a new key from the product's prefix (fluentcart.md §3.1). The old key stops working at
    /// commit; activation hashes name (license, site) pairs, not keys, so they keep working [FC].
    public func regenerateKey(id: Int64, actor: String) throws -> AdminLicense {
        try change(id, action: "license.regenerate_key", actor: actor) { transaction, license in
            let prefix =
                try transaction.query(AdminLicenseSQL.prefix, [license.license.productID.sql]).rows.first?["prefix"]
                ?? ""
            let key = LicenseKey.generate(prefix: LicenseKey.isValidPrefix(prefix) ? prefix : "")
            do {
                try transaction.query(AdminLicenseSQL.setKey, [id.sql, key.rawValue])
            } catch let error as PostgresError where error.code == .uniqueViolation {
                // 128 random bits make this a hardware fault rather than bad luck; the caller may simply retry.
                throw DomainError(.conflict, "the new key collided with an existing one; try again")
            }
            return nil
        }
    }

    /// `extend-validity`: the new expiry, and `expired` or `disabled` licenses become `active` [FC] (clearing the
    /// recorded reason, which no longer applies). Returns which message the change earns.
    public func extendValidity(
        id: Int64,
        _ validity: ValidityChange,
        actor: String,
        now: Date = Date()
    ) throws -> (license: AdminLicense, outcome: ValidityOutcome) {
        var outcome = ValidityOutcome.extended
        let license = try change(id, action: "license.extend_validity", actor: actor) { transaction, license in
            let current = license.license
            guard let new = validity.resolve(current: current.expirationDate, now: now) else {
                throw AdminLicenseError(.invalidExpirationDate, licenseID: id)
            }
            outcome = ValidityOutcome(old: current.expirationDate, new: new)
            var status = current.status
            var config = current.config
            if status == .expired || status == .disabled {
                status = .active
                config = StaffStatus.active.config(from: config)
            }
            let date: Date? = if case .date(let date) = new { date } else { nil }
            try transaction.query(
                AdminLicenseSQL.setValidity,
                [id.sql, date?.sql, status.rawValue, config.serialized]
            )
            return nil
        }
        return (license, outcome)
    }

    /// `update_status`: the status, with `config.reason` set or cleared to match (`StaffStatus.config(from:)`).
    public func updateStatus(id: Int64, _ status: StaffStatus, actor: String) throws -> AdminLicense {
        try change(id, action: "license.update_status", actor: actor) { transaction, license in
            let config = status.config(from: license.license.config)
            try transaction.query(
                AdminLicenseSQL.setStatus,
                [id.sql, status.licenseStatus.rawValue, config.serialized]
            )
            // The store hears of staff locks and expiries as it hears of those the system makes.
            if status.licenseStatus != license.license.status {
                switch status {
                case .disabled: try webhooks.enqueue(.licenseDisabled, licenseID: id, on: transaction)
                case .expired: try webhooks.enqueue(.licenseExpired, licenseID: id, on: transaction)
                case .active: break
                }
            }
            return nil
        }
    }

    /// `update_limit`: existing activations stay even above the new limit; only new ones are refused.
    public func updateLimit(id: Int64, _ change: LimitChange, actor: String) throws -> AdminLicense {
        try self.change(id, action: "license.update_limit", actor: actor) { transaction, _ in
            try transaction.query(AdminLicenseSQL.setLimit, [id.sql, change.limit.sql])
            return nil
        }
    }

    /// `update_ip`: the FaxStore address and lock (faxstore.md §10).
    public func updateIP(id: Int64, _ update: IPUpdate, actor: String) throws -> AdminLicense {
        try change(id, action: "license.update_ip", actor: actor) { transaction, license in
            let (ip, locked) = update.applied(to: license.license.ip, locked: license.license.ipLock)
            try transaction.query(AdminLicenseSQL.setIP, [id.sql, ip?.description, locked.sql])
            return nil
        }
    }

    /// `{id}/delete`: the license and its activations [O]; shared sites stay, and check-log rows keep their history
    /// with `license_id` NULL. The audit row keeps the license and the sites it was active on.
    public func delete(id: Int64, actor: String) throws {
        try database.run(idempotent: false) { connection in
            try connection.withTransaction { transaction in
                let license = try Self.lock(id, on: transaction)
                let activations = try transaction.query(AdminLicenseSQL.activationSummaries, [id.sql]).rows.map {
                    row -> JSONValue in
                    .object([
                        "id": .optional(row.int("id")), "site_id": .optional(row.int("site_id")),
                        "site_url": .optional(row["site_url"]), "is_local": .bool(row.bool("is_local") ?? false),
                    ])
                }
                try transaction.query(AdminLicenseSQL.deleteMeta, [id.sql])
                try transaction.query(AdminLicenseSQL.delete, [id.sql])
                guard case .object(var before) = license.license.json else { return }
                before["activations"] = .array(activations)
                try AuditLog.record(
                    transaction,
                    actor: actor,
                    action: "license.delete",
                    objectType: "license",
                    objectID: id,
                    before: .object(before),
                    after: nil
                )
            }
        }
    }

    /// One audited change: locks the license (404 when there is none), runs `body`, re-reads the license and
    /// records before and after. `body` may return keys to add to the audit row's `after` (never secrets).
    func change(
        _ id: Int64,
        action: String,
        actor: String,
        _ body: (PostgresConnection, AdminLicense) throws -> JSONObject?
    ) throws -> AdminLicense {
        try database.run(idempotent: false) { connection in
            try connection.withTransaction { transaction in
                let before = try Self.lock(id, on: transaction)
                let extra = try body(transaction, before)
                let after = try Self.find(id, on: transaction)
                var afterJSON = after.license.json
                if let extra, case .object(var object) = afterJSON {
                    for (key, value) in extra.entries { object[key] = value }
                    afterJSON = .object(object)
                }
                try AuditLog.record(
                    transaction,
                    actor: actor,
                    action: action,
                    objectType: "license",
                    objectID: id,
                    before: before.license.json,
                    after: afterJSON
                )
                return after
            }
        }
    }

    /// The license with its relations, locked until the transaction ends.
    static func lock(_ id: Int64, on connection: PostgresConnection) throws -> AdminLicense {
        guard let row = try connection.query(AdminLicenseSQL.lock, [id.sql]).rows.first else {
            throw AdminLicenseError(.licenseNotFound, licenseID: id)
        }
        return try AdminLicense(row: row)
    }

    static func find(_ id: Int64, on connection: PostgresConnection) throws -> AdminLicense {
        guard let row = try connection.query(AdminLicenseSQL.find, [id.sql]).rows.first else {
            throw AdminLicenseError(.licenseNotFound, licenseID: id)
        }
        return try AdminLicense(row: row)
    }
}
