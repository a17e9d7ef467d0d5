import Foundation

/// One row of a license's check log as `GET licensing/licenses/{id}/checks` shows it [O]. Rows never hold a key,
/// hash or token, so the whole row may be shown.
public struct LicenseCheckRow: Sendable, Equatable {
    public var id: Int64
    public var createdAt: Date
    /// `check`, `multiple`, `v1`, or a FluentCart public action.
    public var api: String
    public var productID: Int64?
    public var requestedProductIDs: [Int64]?
    public var ip: String?
    public var userAgent: String
    public var info: String
    public var result: String

    /// The columns `init(row:)` reads, from `license_checks`.
    static let columns = """
        id, created_at, api, product_id, to_json(requested_product_ids)::text AS requested_product_ids,
        host(ip) AS ip, user_agent, info, result
        """

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) else {
            throw DomainError(.internalFailure, "unreadable check-log row")
        }
        self.id = id
        self.createdAt = createdAt
        api = row["api"] ?? ""
        productID = row.int("product_id")
        if let text = row["requested_product_ids"], case .array(let values)? = try? JSONParser.parse(Array(text.utf8)) {
            requestedProductIDs = values.compactMap { value in
                if case .integer(let number) = value { return number }
                return nil
            }
        }
        ip = row["ip"]
        userAgent = row["user_agent"] ?? ""
        info = row["info"] ?? ""
        result = row["result"] ?? ""
    }

    /// `{id, created_at, api, product_id, requested_product_ids, ip, user_agent, info, result}`.
    public var json: JSONValue {
        .object([
            "id": .integer(id),
            "created_at": .string(Timestamp.iso8601(createdAt)),
            "api": .string(api),
            "product_id": .optional(productID),
            "requested_product_ids": requestedProductIDs.map { .array($0.map(JSONValue.integer)) } ?? .null,
            "ip": .optional(ip),
            "user_agent": .string(userAgent),
            "info": .string(info),
            "result": .string(result),
        ])
    }
}
