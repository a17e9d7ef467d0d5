import Foundation

/// This installation's own license (fluentcart.md §10). In FluentCart a store registers its Pro license with its
/// vendor; our server is its own vendor, so the record names one of its own licenses and the domain it is activated
/// on. The record lives in the `settings` table; the license is read fresh, so the answers follow its status.
public struct LicenseRegistration: Sendable, Equatable {
    public var licenseID: Int64
    public var key: String
    public var status: LicenseStatus
    public var expirationDate: Date?
    public var limit: Int64
    public var customerID: Int64?
    public var productID: Int64
    public var variationID: Int64?
    public var variationTitle: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The license's active sites, oldest first.
    public var activeDomains: [ActiveDomain]
    /// The normalized site the registration activated.
    public var domain: String

    /// One site the license is active on; `id` is the activation's.
    public struct ActiveDomain: Sendable, Equatable {
        public var id: Int64
        public var domain: String

        public init(id: Int64, domain: String) {
            self.id = id
            self.domain = domain
        }
    }

    public init(
        licenseID: Int64,
        key: String,
        status: LicenseStatus,
        expirationDate: Date?,
        limit: Int64,
        customerID: Int64?,
        productID: Int64,
        variationID: Int64?,
        variationTitle: String?,
        createdAt: Date,
        updatedAt: Date,
        activeDomains: [ActiveDomain],
        domain: String
    ) {
        self.licenseID = licenseID
        self.key = key
        self.status = status
        self.expirationDate = expirationDate
        self.limit = limit
        self.customerID = customerID
        self.productID = productID
        self.variationID = variationID
        self.variationTitle = variationTitle
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.activeDomains = activeDomains
        self.domain = domain
    }

    /// `GET settings/license` without a registration: FluentCart's option keys, empty [FC], and `license: null`.
    public static let unregisteredJSON: JSONValue = .object([
        "license_key": "", "status": "unregistered", "variation_id": "", "variation_title": "", "expires": "",
        "license": .null,
    ])

    /// `GET settings/license` with a registration: FluentCart's option keys with the public status (§2.2) and
    /// `expires` as `Y-m-d H:i:s` or `lifetime`, then the license object.
    public func json(expiry: Expiry, now: Date = Date()) -> JSONValue {
        let status = PublicStatus(status: status, expirationDate: expirationDate, expiry: expiry, now: now)
        return .object([
            "license_key": .string(key),
            "status": .string(status.rawValue),
            "variation_id": variationID.map(JSONValue.integer) ?? "",
            "variation_title": .string(variationTitle ?? ""),
            "expires": .string(expirationDate.map(Timestamp.wire) ?? "lifetime"),
            "license": licenseJSON,
        ])
    }

    /// The seed's license object: `domain_limit` is the activation limit (0 = unlimited), `active_domains` the
    /// license's active sites, dates in `Y-m-d H:i:s`.
    public var licenseJSON: JSONValue {
        .object([
            "id": .integer(licenseID),
            "customer_id": .integer(customerID ?? 0),
            "product_id": .integer(productID),
            "license_key": .string(key),
            "status": .string(status.rawValue),
            "expires_at": expirationDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "domain_limit": .integer(limit),
            "active_domains": .array(
                activeDomains.map { .object(["id": .integer($0.id), "domain": .string($0.domain)]) }
            ),
            "created_at": .string(Timestamp.wire(createdAt)),
            "updated_at": .string(Timestamp.wire(updatedAt)),
        ])
    }
}
