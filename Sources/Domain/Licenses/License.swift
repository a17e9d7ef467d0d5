import Foundation

/// A license row as the admin side reads it.
public struct License: Sendable, Equatable {
    public var id: Int64
    public var key: LicenseKey
    public var status: LicenseStatus
    public var activationLimit: Int64
    public var activationCount: Int64
    public var productID: Int64
    public var variationID: Int64?
    public var orderID: Int64?
    public var customerID: Int64?
    public var subscriptionID: Int64?
    public var expirationDate: Date?
    public var config: JSONValue
    public var ip: IPAddress?
    public var ipLock: Bool
    public var ownerEnabled: Bool
    public var totalRequests: Int64
    public var lastRequestAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    /// Columns in the order `init(row:)` reads them; shared by every statement that returns a license.
    public static let columns = """
        id, license_key, status, activation_limit, activation_count, product_id, variation_id, order_id, customer_id,
        subscription_id, expiration_date, config, host(ip) AS ip, ip_lock, owner_enabled, total_requests,
        last_request_at, created_at, updated_at
        """

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let keyText = row["license_key"], let key = LicenseKey(keyText),
            let status = row["status"].flatMap(LicenseStatus.init(rawValue:)), let productID = row.int("product_id")
        else { throw DomainError(.internalFailure, "unreadable license row") }
        self.id = id
        self.key = key
        self.status = status
        self.productID = productID
        activationLimit = row.int("activation_limit") ?? 0
        activationCount = row.int("activation_count") ?? 0
        variationID = row.int("variation_id")
        orderID = row.int("order_id")
        customerID = row.int("customer_id")
        subscriptionID = row.int("subscription_id")
        expirationDate = row["expiration_date"].flatMap(Timestamp.parsePostgres)
        config = row["config"].flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .object([:])
        ip = row["ip"].flatMap(IPAddress.init)
        ipLock = row.bool("ip_lock") ?? false
        ownerEnabled = row.bool("owner_enabled") ?? true
        totalRequests = row.int("total_requests") ?? 0
        lastRequestAt = row["last_request_at"].flatMap(Timestamp.parsePostgres)
        createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        updatedAt = row["updated_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
    }

    /// The admin JSON (fluentcart.md §2.1 keys), which the CLI prints too.
    public var json: JSONValue {
        let config: JSONValue = {
            if case .object(let object) = self.config, object.entries.isEmpty { return .array([]) }
            return self.config
        }()
        return .object([
            "id": .integer(id), "status": .string(status.rawValue), "limit": .integer(activationLimit),
            "activation_count": .integer(activationCount), "license_key": .string(key.rawValue),
            "product_id": .integer(productID), "variation_id": .optional(variationID),
            "order_id": .integer(orderID ?? 0), "parent_id": .null, "customer_id": .integer(customerID ?? 0),
            "expiration_date": expirationDate.map { .string(Timestamp.wire($0)) } ?? .null,
            "last_reminder_sent": .null, "last_reminder_type": .null, "subscription_id": .integer(subscriptionID ?? 0),
            "config": config, "ip": .optional(ip?.description), "ip_lock": .bool(ipLock),
            "owner_enabled": .bool(ownerEnabled), "total_requests": .integer(totalRequests),
            "last_request_at": lastRequestAt.map { .string(Timestamp.iso8601($0)) } ?? .null,
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
        ])
    }
}
