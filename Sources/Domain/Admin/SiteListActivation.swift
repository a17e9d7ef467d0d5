import Foundation

/// An activation as `GET licensing/sites/{id}` shows it: the activation row with a summary of its license. The
/// activation hash is left out: it is a bearer credential (fluentcart.md §3.1), and this view does not need it.
public struct SiteListActivation: Sendable, Equatable {
    public var id: Int64
    public var siteID: Int64
    public var licenseID: Int64
    public var status: String
    public var isLocal: Bool
    public var productID: Int64
    public var variationID: Int64?
    public var activationMethod: String
    public var lastUpdateVersion: String
    public var lastUpdateDate: Date?
    public var createdAt: Date
    public var updatedAt: Date
    public var licenseKey: String
    public var licenseStatus: String
    public var expirationDate: Date?
    public var customerID: Int64?
    public var orderID: Int64?
    public var productTitle: String
    public var variationTitle: String

    /// The SELECT list; `a` is the activation, `l` its license.
    static let columns = """
        a.id, a.site_id, a.license_id, a.status, a.is_local, a.product_id, a.variation_id, a.activation_method,
               a.last_update_version, a.last_update_date, a.created_at, a.updated_at,
               l.license_key, l.status AS license_status, l.expiration_date, l.customer_id, l.order_id,
               p.title AS product_title, v.title AS variation_title
        """

    /// The tables behind `columns`.
    static let tables = """
        FROM license_activations a
        JOIN licenses l ON l.id = a.license_id
        LEFT JOIN products p ON p.id = a.product_id
        LEFT JOIN product_variations v ON v.id = a.variation_id
        """

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let siteID = row.int("site_id"), let licenseID = row.int("license_id"),
            let productID = row.int("product_id")
        else { throw DomainError(.internalFailure, "unreadable activation row") }
        self.id = id
        self.siteID = siteID
        self.licenseID = licenseID
        self.productID = productID
        status = row["status"] ?? ""
        isLocal = row.bool("is_local") ?? false
        variationID = row.int("variation_id")
        activationMethod = row["activation_method"] ?? ""
        lastUpdateVersion = row["last_update_version"] ?? ""
        lastUpdateDate = row["last_update_date"].flatMap(Timestamp.parsePostgres)
        createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        updatedAt = row["updated_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        licenseKey = row["license_key"] ?? ""
        licenseStatus = row["license_status"] ?? ""
        expirationDate = row["expiration_date"].flatMap(Timestamp.parsePostgres)
        customerID = row.int("customer_id")
        orderID = row.int("order_id")
        productTitle = row["product_title"] ?? ""
        variationTitle = row["variation_title"] ?? ""
    }

    /// The activation's columns (`is_local` as 0/1, as FluentCart), then `license`, `product` and
    /// `product_variant`. The license's status follows the lists' rule: a passed date shows `expired` [FC].
    public func json(now: Date = Date()) -> JSONValue {
        let listedStatus = expirationDate.map { $0 < now } == true ? "expired" : licenseStatus
        return .object([
            "id": .integer(id), "site_id": .integer(siteID), "license_id": .integer(licenseID),
            "status": .string(status), "is_local": .integer(isLocal ? 1 : 0), "product_id": .integer(productID),
            "variation_id": .optional(variationID), "activation_method": .string(activationMethod),
            "last_update_version": .string(lastUpdateVersion),
            "last_update_date": lastUpdateDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
            "license": .object([
                "id": .integer(licenseID), "license_key": .string(licenseKey), "status": .string(listedStatus),
                "expiration_date": expirationDate.map { .string(Timestamp.wire($0)) } ?? .null,
                "customer_id": .integer(customerID ?? 0), "order_id": .integer(orderID ?? 0),
            ]),
            "product": .object(["id": .integer(productID), "post_title": .string(productTitle)]),
            "product_variant": variationID.map { id in
                .object([
                    "id": .integer(id), "post_id": .integer(productID), "variation_title": .string(variationTitle),
                ])
            } ?? .null,
        ])
    }
}
