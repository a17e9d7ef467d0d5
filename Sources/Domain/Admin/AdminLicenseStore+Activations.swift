import Foundation

extension AdminLicenseStore {
    /// Which activation admin `deactivate_site` names: `activation_id` [FC], or `site_id` [O, seed] meaning this
    /// license's activation on that site.
    public enum ActivationReference: Sendable, Equatable {
        case activation(Int64)
        case site(Int64)
        /// Neither was sent (or not as a number): nothing can match.
        case none
    }

    /// Admin `deactivate_site`: under the license lock, deletes the activation and stores the recount. The shared
    /// site row stays [O]; `inactive` is not promoted (fluentcart.md §2.2 lists only the other deactivations).
    public func deactivateSite(id: Int64, _ reference: ActivationReference, actor: String) throws -> AdminLicense {
        try change(id, action: "license.deactivate_site", actor: actor) { transaction, _ in
            let result: QueryResult
            switch reference {
            case .activation(let activationID):
                result = try transaction.query(AdminLicenseSQL.activationByID, [activationID.sql])
            case .site(let siteID):
                result = try transaction.query(AdminLicenseSQL.activationBySite, [id.sql, siteID.sql])
            case .none:
                throw AdminLicenseError(.activationNotFound, licenseID: id)
            }
            guard let row = result.rows.first, let activationID = row.int("id") else {
                throw AdminLicenseError(.activationNotFound, licenseID: id)
            }
            guard row.int("license_id") == id else { throw AdminLicenseError(.activationMismatched, licenseID: id) }
            try transaction.query(AdminLicenseSQL.deleteActivation, [activationID.sql])
            try transaction.query(AdminLicenseSQL.recount, [id.sql])
            return [
                "deactivated": .object([
                    "activation_id": .integer(activationID), "site_id": .optional(row.int("site_id")),
                    "site_url": .optional(row["site_url"]),
                ])
            ]
        }
    }

    /// What admin `activate_site` did.
    public struct SiteActivationResult: Sendable {
        public enum Outcome: Sendable, Equatable {
            /// A new activation; its hash.
            case activated(hash: String)
            /// The license was already active on the site; the existing hash, nothing changed.
            case existing(hash: String)
            case refused(SiteActivationRefusal)
        }

        /// The license after the action (the new count and status when activated).
        public var license: AdminLicense
        public var outcome: Outcome
    }

    /// Admin `activate_site` (fluentcart.md §6): `SiteActivationDecision` under the license's row lock, with the
    /// public protocol's statements, so that the limit holds against parallel admin and public activations alike.
    /// Only a new activation writes (site, activation, recount that turns `inactive` into `active`) and is audited,
    /// which makes a second run (a retry after a lost connection) reuse what the first wrote.
    public func activateSite(
        id: Int64,
        site: SiteURL?,
        actor: String,
        now: Date = Date()
    ) throws -> SiteActivationResult {
        try database.run(idempotent: true) { connection in
            try connection.withTransaction { transaction in
                let license = try Self.lock(id, on: transaction)
                let standing = try site.map {
                    try SiteActivationLedger.standing(licenseID: id, site: $0, on: transaction)
                }
                let existing = standing?.activeHash
                let counted = standing?.counted ?? 0
                let decision = SiteActivationDecision.decide(
                    site: site,
                    status: license.license.status,
                    expirationDate: license.license.expirationDate,
                    alreadyActive: existing != nil,
                    counted: counted,
                    limit: license.license.activationLimit,
                    expiry: expiry,
                    now: now
                )
                switch decision {
                case .refuse(let refusal):
                    return SiteActivationResult(license: license, outcome: .refused(refusal))
                case .reuse:
                    return SiteActivationResult(license: license, outcome: .existing(hash: existing ?? ""))
                case .activate:
                    break
                }
                guard let site, let standing else {
                    throw DomainError(.internalFailure, "activation decided without a site")
                }
                let isLocal = site.isLocal
                let written = try SiteActivationLedger.activate(
                    licenseID: id,
                    site: site,
                    versions: PublicLicenseStore.SiteVersions(server: "", platform: ""),
                    standing: standing,
                    on: transaction
                )
                let activationID = written.activation.id
                let hash = written.activation.hash
                let limit = license.license.activationLimit
                try webhooks.enqueue(.activationCreated, licenseID: id, on: transaction)
                if limit != 0, counted < limit, written.activationCount >= limit {
                    try webhooks.enqueue(.activationLimitReached, licenseID: id, on: transaction)
                }
                let after = try Self.find(id, on: transaction)
                guard case .object(var afterJSON) = after.license.json else { throw DomainError(.internalFailure, "") }
                afterJSON["activated"] = .object([
                    "activation_id": .integer(activationID), "site_id": .integer(written.activation.siteID),
                    "site_url": .string(site.value), "is_local": .bool(isLocal),
                ])
                try AuditLog.record(
                    transaction,
                    actor: actor,
                    action: "license.activate_site",
                    objectType: "license",
                    objectID: id,
                    before: license.license.json,
                    after: .object(afterJSON)
                )
                return SiteActivationResult(license: after, outcome: .activated(hash: hash))
            }
        }
    }
}
