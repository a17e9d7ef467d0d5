import Foundation

/// A license as its owner sees it on the customer-profile routes (fluentcart.md §9): fewer keys than the admin
/// JSON, FluentCart's customer labels for the status, and no internal ids beyond the product and variation.
public struct CustomerLicense: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var status: LicenseStatus
    /// nil is a lifetime license.
    public var expirationDate: Date?
    public var variationID: Int64?
    public var activationCount: Int64
    /// 0 is unlimited.
    public var limit: Int64
    public var productID: Int64
    public var createdAt: Date
    /// nil when the product is gone.
    public var productTitle: String?
    /// nil when the variation is gone.
    public var variationTitle: String?
    /// The subscription's renewal page, when the license has a subscription that has one.
    public var reactivateURL: String?
    /// The order's uuid, when the license came from an order.
    public var orderUUID: String?
    public var ownerEnabled: Bool

    /// The statement prefix shared by every customer read; `l` is the license. Append a WHERE clause.
    static let select = """
        SELECT l.id, l.license_key, l.status, l.expiration_date, l.variation_id, l.activation_count,
               l.activation_limit, l.product_id, l.created_at, l.owner_enabled, p.title AS product_title,
               v.title AS variation_title, nullif(sub.reactivate_url, '') AS reactivate_url, o.uuid AS order_uuid
        FROM licenses l
        LEFT JOIN products p ON p.id = l.product_id
        LEFT JOIN product_variations v ON v.id = l.variation_id
        LEFT JOIN subscriptions sub ON sub.id = l.subscription_id
        LEFT JOIN orders o ON o.id = l.order_id
        """

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let key = row["license_key"],
            let status = row["status"].flatMap(LicenseStatus.init(rawValue:)), let productID = row.int("product_id")
        else { throw DomainError(.internalFailure, "unreadable license row") }
        self.id = id
        self.key = key
        self.status = status
        self.productID = productID
        expirationDate = row["expiration_date"].flatMap(Timestamp.parsePostgres)
        variationID = row.int("variation_id")
        activationCount = row.int("activation_count") ?? 0
        limit = row.int("activation_limit") ?? 0
        createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        ownerEnabled = row.bool("owner_enabled") ?? true
        productTitle = row["product_title"]
        variationTitle = row["variation_title"]
        reactivateURL = row["reactivate_url"]
        orderUUID = row["order_uuid"]
    }

    public init(
        id: Int64,
        key: String,
        status: LicenseStatus,
        expirationDate: Date?,
        variationID: Int64?,
        activationCount: Int64,
        limit: Int64,
        productID: Int64,
        createdAt: Date,
        productTitle: String?,
        variationTitle: String?,
        reactivateURL: String?,
        orderUUID: String?,
        ownerEnabled: Bool
    ) {
        self.id = id
        self.key = key
        self.status = status
        self.expirationDate = expirationDate
        self.variationID = variationID
        self.activationCount = activationCount
        self.limit = limit
        self.productID = productID
        self.createdAt = createdAt
        self.productTitle = productTitle
        self.variationTitle = variationTitle
        self.reactivateURL = reactivateURL
        self.orderUUID = orderUUID
        self.ownerEnabled = ownerEnabled
    }

    /// FluentCart's customer label of a stored status (§2.2): an issued but never activated license is `active` to
    /// its owner, because it works.
    public static func label(_ status: LicenseStatus) -> String {
        switch status {
        case .inactive, .active: return "active"
        case .expired: return "expired"
        case .disabled: return "disabled"
        }
    }

    /// Whether the license is expired as §2.2 defines it: marked expired, or past its date plus the grace days.
    public func isExpired(expiry: Expiry, now: Date) -> Bool {
        expiry.isExpired(status: status, expirationDate: expirationDate, now: now)
    }

    /// Where the owner renews: only an expired license whose subscription has a renewal page gets one, and it is the
    /// public `renew_license` link that `check_license` hands out too (§4.2), which redirects there.
    public func renewalURL(baseURL: String, expiry: Expiry, now: Date) -> String {
        guard reactivateURL != nil, isExpired(expiry: expiry, now: now) else { return "" }
        return "\(baseURL)/?fluent-cart=renew_license&license_key=\(key)"
    }

    /// The customer license JSON, keys in §9's order. `listed` applies the list's rule: an expired license shows
    /// `expired` whatever its stored status; the detail route shows the stored status's label [FC].
    public func json(listed: Bool, baseURL: String, expiry: Expiry, now: Date = Date()) -> JSONValue {
        let status = listed && isExpired(expiry: expiry, now: now) ? "expired" : Self.label(self.status)
        return .object([
            "license_key": .string(key),
            "status": .string(status),
            "expiration_date": expirationDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "variation_id": .optional(variationID),
            "activation_count": .integer(activationCount),
            "limit": .integer(limit),
            "product_id": .integer(productID),
            "created_at": .string(Timestamp.wire(createdAt)),
            "title": .string(productTitle ?? ""),
            "subtitle": .string(variationTitle ?? ""),
            "renewal_url": .string(renewalURL(baseURL: baseURL, expiry: expiry, now: now)),
            "has_upgrades": .bool(false),
            "order": orderUUID.map { .object(["uuid": .string($0)]) } ?? .null,
            "owner_enabled": .bool(ownerEnabled),
        ])
    }
}
