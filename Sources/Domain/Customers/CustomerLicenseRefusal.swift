/// Why a customer-profile request was refused (fluentcart.md §9). The REST layer gives each its message.
public struct CustomerLicenseRefusal: Error, Equatable, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case customerNotFound, licenseNotFound, siteNotActivated
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The caller's user has no customer record (§5.2).
        public static let customerNotFound = Code(.customerNotFound)
        /// No license with that key belongs to the caller's customer: another customer's key is refused exactly
        /// like a key that does not exist, so a customer cannot probe for keys.
        public static let licenseNotFound = Code(.licenseNotFound)
        /// The caller's own license is not activated on the named site, or the site is unknown.
        public static let siteNotActivated = Code(.siteNotActivated)

        public var description: String { base.rawValue }
    }

    public var code: Code

    public init(_ code: Code) {
        self.code = code
    }
}
