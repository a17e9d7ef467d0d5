/// Why an admin license action found nothing to act on. The admin API turns each into FluentCart's body for it.
public struct AdminLicenseError: Error, Sendable, Equatable {
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable {
            case licenseNotFound, activationNotFound, activationMismatched, invalidExpirationDate
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// No license has the id in the path.
        public static let licenseNotFound = Code(.licenseNotFound)
        /// `deactivate_site` named no existing activation (or none of this license on the named site).
        public static let activationNotFound = Code(.activationNotFound)
        /// `deactivate_site` named an activation of another license.
        public static let activationMismatched = Code(.activationMismatched)
        /// `extend-validity` with `days` that carry the expiry past year 9999 (or an offset date outside 1–9999).
        public static let invalidExpirationDate = Code(.invalidExpirationDate)
    }

    public var code: Code
    /// The license id from the path.
    public var licenseID: Int64

    public init(_ code: Code, licenseID: Int64) {
        self.code = code
        self.licenseID = licenseID
    }
}
