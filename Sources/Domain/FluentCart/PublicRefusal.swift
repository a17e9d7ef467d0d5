/// Why the public protocol refused a request (fluentcart.md §4). The HTTP layer turns each reason into the
/// `error_type`, message and status of the action that met it.
public struct PublicRefusal: Error, Equatable, Sendable {
    public enum Reason: Sendable, Equatable {
        /// A required parameter is missing or empty.
        case missingParameters
        case licenseNotFound
        case activationNotFound
        /// `item_id` is not the license's product.
        case productMismatch
        case licenseExpired
        /// Disabled by staff, a refund or a failed payment.
        case licenseNotActive
        case activationLimitExceeded
        case siteNotFound
        case productNotFound
        case licenseSettingsNotFound
        case licensingNotEnabled
        /// A download token that is missing, malformed, forged or expired.
        case invalidPackage
        /// The license behind a download token is no longer valid.
        case licenseNotValid
        case noDownloadableFile
        /// `renew_license` on a license that has not expired.
        case licenseNotExpired
        case renewalURLMissing
    }

    public var reason: Reason
    /// The license the request resolved before it was refused, for the check log.
    public var licenseID: Int64?
    public var activationID: Int64?

    public init(_ reason: Reason, licenseID: Int64? = nil, activationID: Int64? = nil) {
        self.reason = reason
        self.licenseID = licenseID
        self.activationID = activationID
    }
}
