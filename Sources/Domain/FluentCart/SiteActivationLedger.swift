import Foundation

/// The two steps every activation takes under the license's row lock, whoever asks (public `activate_license`, admin
/// `activate_site`, `settings/license`): read where the license stands on the site, then, if the caller's rules
/// allow, write the site, the activation and the recount in one statement. The rules differ between callers; these
/// steps, and so the limit they protect, do not.
enum SiteActivationLedger {
    /// Read in a snapshot taken after the lock, so it includes every change committed before it.
    struct Standing {
        /// The license's active activation on the site, if any.
        var activeID: Int64?
        var activeHash: String?
        var activeSiteID: Int64?
        /// Active, non-local activations of the license.
        var counted: Int64

        var isActive: Bool { activeID != nil }
    }

    /// What the write produced.
    struct Written {
        var activation: PublicLicense.Activation
        var activationCount: Int64
        var status: LicenseStatus?
        var updatedAt: Date?
    }

    static func standing(licenseID: Int64, site: SiteURL, on connection: PostgresConnection) throws -> Standing {
        let current = try connection.query(PublicLicenseSQL.siteUnderLock, [licenseID.sql, site.value])
        let active = current.string(row: 0, column: 3) == "active"
        return Standing(
            activeID: active ? current.int(row: 0, column: 1) : nil,
            activeHash: active ? current.string(row: 0, column: 2) : nil,
            activeSiteID: active ? current.int(row: 0, column: 0) : nil,
            counted: current.int(row: 0, column: 4) ?? 0
        )
    }

    /// Creates (or refreshes) the site, activates the license on it with a new hash, and stores the recount, which
    /// also turns `inactive` into `active`. Only call it under the license's row lock, after `standing`.
    static func activate(
        licenseID: Int64,
        site: SiteURL,
        versions: PublicLicenseStore.SiteVersions,
        standing: Standing,
        on connection: PostgresConnection
    ) throws -> Written {
        let isLocal = site.isLocal
        let written = try connection.query(
            PublicLicenseSQL.activate,
            [
                licenseID.sql, site.value, versions.server, versions.platform, isLocal.sql,
                RandomToken.hex(bytes: 16), (standing.counted + (isLocal ? 0 : 1)).sql,
            ]
        )
        guard let activationID = written.int(row: 0, column: 0), let hash = written.string(row: 0, column: 1),
            let siteID = written.int(row: 0, column: 2)
        else { throw PostgresError(kind: .query, message: "activation not written") }
        return Written(
            activation: PublicLicense.Activation(id: activationID, hash: hash, siteID: siteID),
            activationCount: written.int(row: 0, column: 3) ?? standing.counted,
            status: written.string(row: 0, column: 4).flatMap(LicenseStatus.init(rawValue:)),
            updatedAt: written.string(row: 0, column: 5).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        )
    }
}
