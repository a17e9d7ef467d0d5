import Foundation

/// A license as the public protocol answers with it: the license, the titles of its product and variation, and the
/// activation the request resolved, read in one statement.
public struct PublicLicense: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var status: LicenseStatus
    public var activationLimit: Int64
    public var activationCount: Int64
    public var expirationDate: Date?
    public var productID: Int64
    public var variationID: Int64?
    /// nil when the variation is gone.
    public var variationTitle: String?
    /// nil when the product is gone.
    public var productTitle: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The subscription's renewal page, when it has one.
    public var reactivateURL: String?
    public var activation: Activation?

    /// One (license, site) pair.
    public struct Activation: Sendable, Equatable {
        public var id: Int64
        public var hash: String
        public var siteID: Int64
    }

    public func publicStatus(expiry: Expiry, now: Date) -> PublicStatus {
        PublicStatus(status: status, expirationDate: expirationDate, expiry: expiry, now: now)
    }

    /// The columns every public lookup selects, in the order `init(result:row:)` reads them. `l` is the license;
    /// `a` the activation (or NULLs), `v`, `p` and `sub` its variation, product and subscription.
    static let columns = """
        l.id, l.license_key, l.status, l.activation_limit, l.activation_count,
        extract(epoch FROM l.expiration_date)::float8, l.product_id, l.variation_id, v.title, p.title,
        extract(epoch FROM l.created_at)::float8, extract(epoch FROM l.updated_at)::float8, nullif(sub.reactivate_url, ''),
        a.id, a.activation_hash, a.site_id
        """

    /// The joins that go with `columns`, after `FROM licenses l`.
    static let joins = """
        LEFT JOIN product_variations v ON v.id = l.variation_id
        LEFT JOIN products p ON p.id = l.product_id
        LEFT JOIN subscriptions sub ON sub.id = l.subscription_id
        """

    /// nil when the row has no license (a LEFT JOIN that found none).
    init?(result: QueryResult, row: Int) {
        guard result.rowCount > row, let id = result.int(row: row, column: 0),
            let key = result.string(row: row, column: 1),
            let status = result.string(row: row, column: 2).flatMap(LicenseStatus.init(rawValue:)),
            let productID = result.int(row: row, column: 6)
        else { return nil }
        func date(_ column: Int) -> Date? {
            result.string(row: row, column: column).flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
        }
        self.id = id
        self.key = key
        self.status = status
        activationLimit = result.int(row: row, column: 3) ?? 0
        activationCount = result.int(row: row, column: 4) ?? 0
        expirationDate = date(5)
        self.productID = productID
        variationID = result.int(row: row, column: 7)
        variationTitle = result.string(row: row, column: 8)
        productTitle = result.string(row: row, column: 9)
        createdAt = date(10) ?? Date(timeIntervalSince1970: 0)
        updatedAt = date(11) ?? Date(timeIntervalSince1970: 0)
        reactivateURL = result.string(row: row, column: 12)
        if let activationID = result.int(row: row, column: 13), let hash = result.string(row: row, column: 14),
            let siteID = result.int(row: row, column: 15)
        {
            activation = Activation(id: activationID, hash: hash, siteID: siteID)
        }
    }
}
