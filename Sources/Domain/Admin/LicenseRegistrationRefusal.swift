/// Why `settings/license` refused a registration change (fluentcart.md §10). The REST layer gives each the seed's
/// envelope and status.
public struct LicenseRegistrationRefusal: Error, Equatable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidKey, licenseExpired, licenseNotActive, domainLimitReached, alreadyRegistered, notRegistered
            case domainNotFound
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The key is missing, malformed or unknown.
        public static let invalidKey = Code(.invalidKey)
        /// Expired as §2.2 defines it (grace included), as `activate_license` refuses it.
        public static let licenseExpired = Code(.licenseExpired)
        /// Disabled: neither `active` nor `inactive`.
        public static let licenseNotActive = Code(.licenseNotActive)
        /// A new non-local site on a license without activations left.
        public static let domainLimitReached = Code(.domainLimitReached)
        /// This installation already has a registration; remove it first.
        public static let alreadyRegistered = Code(.alreadyRegistered)
        /// Nothing is registered, or the request names another key than the registered one.
        public static let notRegistered = Code(.notRegistered)
        /// The registered license has no activation on that domain.
        public static let domainNotFound = Code(.domainNotFound)

        public var description: String { base.rawValue }
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }
}
