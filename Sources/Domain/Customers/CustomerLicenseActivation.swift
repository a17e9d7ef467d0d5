import Foundation

/// One site a customer's license is activated on, as `customer-profile/licenses/{key}/activations` lists it
/// (fluentcart.md §9). `site_id` is ours [O]: it names the site for `deactivate_site`.
public struct CustomerLicenseActivation: Sendable, Equatable {
    public var id: Int64
    public var siteID: Int64
    public var siteURL: String
    public var isLocal: Bool
    public var status: String
    public var createdAt: Date

    public init(id: Int64, siteID: Int64, siteURL: String, isLocal: Bool, status: String, createdAt: Date) {
        self.id = id
        self.siteID = siteID
        self.siteURL = siteURL
        self.isLocal = isLocal
        self.status = status
        self.createdAt = createdAt
    }

    init(row: QueryResult.Row) {
        id = row.int("id") ?? 0
        siteID = row.int("site_id") ?? 0
        siteURL = row["site_url"] ?? ""
        isLocal = row.bool("is_local") ?? false
        status = row["status"] ?? "active"
        createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
    }

    /// `{"site_url","is_local","status","created_at","site_id"}`; `is_local` is 0/1 as FluentCart sends it (§2) and
    /// `created_at` the customer form `Y-m-d H:i:s`.
    public var json: JSONValue {
        .object([
            "site_url": .string(siteURL),
            "is_local": .integer(isLocal ? 1 : 0),
            "status": .string(status),
            "created_at": .string(Timestamp.wire(createdAt)),
            "site_id": .integer(siteID),
        ])
    }
}
