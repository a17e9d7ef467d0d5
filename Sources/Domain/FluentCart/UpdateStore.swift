import Foundation

/// Update checks and package downloads (fluentcart.md §4.5, §4.6): which version a product is at, and whether a
/// license may download it. Download links carry signed, expiring tokens instead of keys.
public struct UpdateStore {
    let database: Database
    let expiry: Expiry
    let licenses: PublicLicenseStore
    let secret: DownloadSecret

    public init(database: Database, expiry: Expiry, secret: DownloadSecret) {
        self.database = database
        self.expiry = expiry
        self.licenses = PublicLicenseStore(database: database, expiry: expiry)
        self.secret = secret
    }

    /// The answer to `get_license_version`.
    public struct VersionCheck: Sendable {
        public var release: ProductRelease
        /// The license the credential named, valid or not.
        public var license: PublicLicense?
        /// The package token, only for a valid license of this product.
        public var packageToken: String?
    }

    /// `get_license_version`: product errors refuse; a bad license still answers, without a package.
    public func versionCheck(
        itemID: ItemID?,
        credential: PublicLicenseStore.Credential?,
        site: SiteURL?,
        currentVersion: String,
        versions: PublicLicenseStore.SiteVersions,
        now: Date = Date()
    ) throws(PublicStoreError) -> VersionCheck {
        guard let itemID else { throw .refused(PublicRefusal(.productNotFound)) }
        let release = try Self.release(
            try run { try $0.query(UpdateSQL.product, [itemID.productID.sql]) },
            offset: 0
        )
        var check = VersionCheck(release: release, license: nil, packageToken: nil)
        guard let credential else { return check }
        do {
            check.license = try licenses.find(credential, site: site)
        } catch .refused {
            return check
        }
        guard let license = check.license, license.productID == itemID.productID,
            license.publicStatus(expiry: expiry, now: now) == .valid
        else { return check }
        if let activation = license.activation {
            let version = currentVersion.prefix(scalars: PublicLicenseStore.SiteVersions.maximumLength)
            _ = try run(idempotent: true) {
                try $0.query(
                    UpdateSQL.recordUpdateCheck,
                    [activation.id.sql, version, versions.server, versions.platform]
                )
            }
        }
        let token = DownloadToken(
            purpose: .package,
            licenseID: license.id,
            activationID: license.activation?.id ?? 0,
            productID: itemID.productID,
            issuedAt: now
        )
        check.packageToken = token.signed(secret: secret.bytes)
        return check
    }

    /// A download that passed every check: where the file is, and the token for the next step.
    public struct Download: Sendable {
        public var token: DownloadToken
        public var file: LicenseSettings.UpdateFile
        public var release: ProductRelease
    }

    /// `download_license_package` and `download-by-id`: verifies the token, then checks again that the license,
    /// the activation, the product and its file are all still there and valid (§4.6, in that order).
    public func download(
        _ text: String,
        purpose: DownloadToken.Purpose,
        now: Date = Date()
    )
        throws(PublicStoreError) -> Download
    {
        guard let token = DownloadToken.verify(text, purpose: purpose, secret: secret.bytes, now: now) else {
            throw .refused(PublicRefusal(.invalidPackage))
        }
        let activationID: Int64? = token.activationID == 0 ? nil : token.activationID
        let result = try run {
            try $0.query(UpdateSQL.download, [token.licenseID.sql, token.activationID.sql, token.productID.sql])
        }
        guard result.int(row: 0, column: 0) != nil,
            let status = result.string(row: 0, column: 1).flatMap(LicenseStatus.init(rawValue:))
        else { throw .refused(PublicRefusal(.licenseNotFound, activationID: activationID)) }
        guard result.bool(row: 0, column: 3) == true else {
            throw .refused(PublicRefusal(.activationNotFound, licenseID: token.licenseID))
        }
        let expirationDate = result.string(row: 0, column: 2).flatMap(Double.init).map(
            Date.init(timeIntervalSince1970:)
        )
        guard PublicStatus(status: status, expirationDate: expirationDate, expiry: expiry, now: now) == .valid else {
            throw .refused(PublicRefusal(.licenseNotValid, licenseID: token.licenseID, activationID: activationID))
        }
        let release: ProductRelease
        do {
            release = try Self.release(result, offset: 4)
        } catch .refused(let refusal) {
            throw .refused(PublicRefusal(refusal.reason, licenseID: token.licenseID, activationID: activationID))
        }
        guard let file = release.settings.updateFile else {
            throw .refused(
                PublicRefusal(.noDownloadableFile, licenseID: token.licenseID, activationID: activationID)
            )
        }
        return Download(token: token, file: file, release: release)
    }

    /// A fresh `download-by-id` token for a package download that passed its checks.
    public func downloadToken(for download: Download, now: Date = Date()) -> String {
        DownloadToken(
            purpose: .download,
            licenseID: download.token.licenseID,
            activationID: download.token.activationID,
            productID: download.token.productID,
            issuedAt: now
        ).signed(secret: secret.bytes)
    }

    /// The product of a row, refusing when it is gone, has no settings record, or has licensing off.
    private static func release(_ result: QueryResult, offset: Int) throws(PublicStoreError) -> ProductRelease {
        let (exists, release) = ProductRelease.read(result, offset: offset)
        guard exists else { throw .refused(PublicRefusal(.productNotFound)) }
        guard let release else { throw .refused(PublicRefusal(.licenseSettingsNotFound)) }
        guard release.settings.enabled else { throw .refused(PublicRefusal(.licensingNotEnabled)) }
        return release
    }

    private func run<T>(
        idempotent: Bool = true,
        _ body: (PostgresConnection) throws -> T
    ) throws(PublicStoreError)
        -> T
    {
        do {
            return try database.run(idempotent: idempotent, body)
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            throw .database(PostgresError(kind: .query, message: "\(error)"))
        }
    }
}
