import Foundation

/// The licensing rules of FluentCart's public protocol (fluentcart.md §4.2–§4.4): checks, activations and
/// deactivations. Activation limits are decided under the license's row lock, so they hold across every worker
/// process and every app node that shares the database.
public struct PublicLicenseStore {
    let database: Database
    let expiry: Expiry
    /// Queues `activation_created` and `activation_limit_reached` in the activation's transaction.
    let webhooks: WebhookOutbox

    public init(database: Database, expiry: Expiry, webhooks: WebhookOutbox = WebhookOutbox(targets: [])) {
        self.database = database
        self.expiry = expiry
        self.webhooks = webhooks
    }

    /// What a client presents to name a license.
    public enum Credential: Sendable, Equatable {
        case key(String)
        case activationHash(String)
    }

    /// `check_license`: the license and its activation on `site` (by key), or the activation named by its hash
    /// (the site is then not compared). Expired and disabled licenses are found too: their status says so.
    public func check(
        _ credential: Credential,
        site: SiteURL,
        itemID: ItemID?
    ) throws(PublicStoreError)
        -> PublicLicense
    {
        let license = try find(credential, site: site)
        guard license.activation != nil else {
            throw .refused(PublicRefusal(.activationNotFound, licenseID: license.id))
        }
        guard itemID?.productID == license.productID else {
            throw .refused(PublicRefusal(.productMismatch, licenseID: license.id))
        }
        return license
    }

    /// Finds the license a credential names, with its activation on `site` when the credential is a key.
    public func find(_ credential: Credential, site: SiteURL?) throws(PublicStoreError) -> PublicLicense {
        let result: QueryResult
        switch credential {
        case .key(let text):
            // An impossible key is refused without a query.
            guard let key = LicenseKey(text) else { throw .refused(PublicRefusal(.licenseNotFound)) }
            result = try run { try $0.query(PublicLicenseSQL.byKey, [key.rawValue, site?.value]) }
            guard let license = PublicLicense(result: result, row: 0) else {
                throw .refused(PublicRefusal(.licenseNotFound))
            }
            return license
        case .activationHash(let text):
            let hash = text.lowercased()
            guard Self.isWellFormedHash(hash) else { throw .refused(PublicRefusal(.activationNotFound)) }
            result = try run { try $0.query(PublicLicenseSQL.byHash, [hash]) }
            guard result.rowCount == 1 else { throw .refused(PublicRefusal(.activationNotFound)) }
            guard let license = PublicLicense(result: result, row: 0) else {
                throw .refused(PublicRefusal(.licenseNotFound, activationID: result.int(row: 0, column: 13)))
            }
            return license
        }
    }

    /// The optional details a client reports about its site when it activates.
    public struct SiteVersions: Sendable, Equatable {
        /// PHP version.
        public var server: String
        /// WordPress version.
        public var platform: String

        public init(server: String, platform: String) {
            self.server = server.withoutNUL.prefix(scalars: Self.maximumLength)
            self.platform = platform.withoutNUL.prefix(scalars: Self.maximumLength)
        }

        static let maximumLength = 64
    }

    /// `activate_license` (§4.3), one transaction: lock the license, decide, then create the site and the
    /// activation and store the recount. Re-activating a site returns its existing hash and changes nothing.
    public func activate(
        key: String,
        itemID: ItemID?,
        site: SiteURL,
        versions: SiteVersions,
        now: Date = Date()
    )
        throws(PublicStoreError) -> PublicLicense
    {
        guard let key = LicenseKey(key) else { throw .refused(PublicRefusal(.licenseNotFound)) }
        return try transaction { connection in
            var license = try Self.lock(key, on: connection)
            guard itemID?.productID == license.productID else {
                throw PublicRefusal(.productMismatch, licenseID: license.id)
            }
            switch license.publicStatus(expiry: expiry, now: now) {
            case .expired: throw PublicRefusal(.licenseExpired, licenseID: license.id)
            case .invalid: throw PublicRefusal(.licenseNotActive, licenseID: license.id)
            case .valid: break
            }
            let standing = try SiteActivationLedger.standing(licenseID: license.id, site: site, on: connection)
            if let id = standing.activeID, let hash = standing.activeHash, let siteID = standing.activeSiteID {
                license.activation = PublicLicense.Activation(id: id, hash: hash, siteID: siteID)
                return license
            }
            if !site.isLocal, license.activationLimit != 0, standing.counted >= license.activationLimit {
                throw PublicRefusal(.activationLimitExceeded, licenseID: license.id)
            }
            let written = try SiteActivationLedger.activate(
                licenseID: license.id,
                site: site,
                versions: versions,
                standing: standing,
                on: connection
            )
            license.activation = written.activation
            license.activationCount = written.activationCount
            try webhooks.enqueue(.activationCreated, licenseID: license.id, on: connection)
            if license.activationLimit != 0, standing.counted < license.activationLimit,
                written.activationCount >= license.activationLimit
            {
                try webhooks.enqueue(.activationLimitReached, licenseID: license.id, on: connection)
            }
            license.status = written.status ?? license.status
            license.updatedAt = written.updatedAt ?? license.updatedAt
            return license
        }
    }

    /// `deactivate_license` (§4.4): removes the license's activation on the site, if there is one, and recounts.
    /// Status and expiry are not checked, so an expired or disabled license can still free its sites.
    public func deactivate(key: String, itemID: ItemID?, site: SiteURL) throws(PublicStoreError) -> PublicLicense {
        guard let key = LicenseKey(key) else { throw .refused(PublicRefusal(.licenseNotFound)) }
        return try transaction { connection in
            var license = try Self.lock(key, on: connection)
            guard itemID?.productID == license.productID else {
                throw PublicRefusal(.productMismatch, licenseID: license.id)
            }
            let written = try connection.query(PublicLicenseSQL.deactivate, [license.id.sql, site.value])
            guard written.int(row: 0, column: 0) != nil else {
                throw PublicRefusal(.siteNotFound, licenseID: license.id)
            }
            if let removed = written.int(row: 0, column: 1) {
                license.activation = PublicLicense.Activation(id: removed, hash: "", siteID: 0)
            }
            license.activationCount = written.int(row: 0, column: 2) ?? license.activationCount
            license.status = written.string(row: 0, column: 3).flatMap(LicenseStatus.init(rawValue:)) ?? license.status
            license.updatedAt =
                written.string(row: 0, column: 4).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
                ?? license.updatedAt
            return license
        }
    }

    /// `renew_license` (§4.7): where an expired license is renewed. A license that has not expired, or whose
    /// subscription has no renewal page, is refused.
    public func renewal(
        key: String,
        now: Date = Date()
    ) throws(PublicStoreError) -> (url: String, license: PublicLicense) {
        let license = try find(.key(key), site: nil)
        guard license.publicStatus(expiry: expiry, now: now) == .expired else {
            throw .refused(PublicRefusal(.licenseNotExpired, licenseID: license.id))
        }
        guard let url = license.reactivateURL else {
            throw .refused(PublicRefusal(.renewalURLMissing, licenseID: license.id))
        }
        return (url, license)
    }

    static func lock(_ key: LicenseKey, on connection: PostgresConnection) throws -> PublicLicense {
        let result = try connection.query(PublicLicenseSQL.lockByKey, [key.rawValue])
        guard let license = PublicLicense(result: result, row: 0) else { throw PublicRefusal(.licenseNotFound) }
        return license
    }

    /// Activation hashes are 32 lowercase hex characters.
    static func isWellFormedHash(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { $0.hexValue != nil }
    }

    private func run<T>(_ body: (PostgresConnection) throws -> T) throws(PublicStoreError) -> T {
        do {
            return try database.run(body)
        } catch let error as PublicRefusal {
            throw .refused(error)
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(PostgresError(kind: .query, message: "\(error)"))
        }
    }

    /// One transaction; a refusal rolls it back. After a lost connection whether it committed is unknown, and it
    /// runs again on the new primary: activating or deactivating a site twice has the effect of doing it once (the
    /// second run finds the site active, or already gone), so a retry never uses a second activation slot or
    /// queues a second webhook.
    private func transaction<T>(_ body: (PostgresConnection) throws -> T) throws(PublicStoreError) -> T {
        do {
            return try database.run(idempotent: true) { connection in try connection.withTransaction(body) }
        } catch let error as PublicRefusal {
            throw .refused(error)
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(PostgresError(kind: .query, message: "\(error)"))
        }
    }
}
