/// What `product create` asks for; license settings are written unless `licenseSettings` is nil.
public struct NewProduct: Sendable {
    public struct LicenseSettings: Sendable {
        public var enabled: Bool
        public var version: String
        public var prefix: String
        /// nil stores `""`, FluentCart's "no limit set", which means unlimited.
        public var activationLimit: Int64?
        public var validity: Validity

        public init(
            enabled: Bool = false,
            version: String = "",
            prefix: String = "",
            activationLimit: Int64? = nil,
            validity: Validity = .lifetime
        ) {
            self.enabled = enabled
            self.version = version
            self.prefix = prefix
            self.activationLimit = activationLimit
            self.validity = validity
        }
    }

    public var title: String
    public var slug: String?
    public var description: String
    public var licenseSettings: LicenseSettings?

    public init(title: String, slug: String? = nil, description: String = "", licenseSettings: LicenseSettings?) {
        self.title = title
        self.slug = slug
        self.description = description
        self.licenseSettings = licenseSettings
    }
}
