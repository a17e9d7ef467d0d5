import Foundation

/// A site as `GET licensing/sites` lists it (fluentcart.md §7): the shared site row with what its activations say
/// about it, read in one statement.
public struct SiteListEntry: Sendable, Equatable {
    public var id: Int64
    public var siteURL: String
    public var serverVersion: String
    public var platformVersion: String
    public var other: JSONValue
    public var createdAt: Date
    public var updatedAt: Date
    /// Activations of this site with status `active`, as FluentCart's `withCount`.
    public var activeLicensesCount: Int64
    /// The newest change or update check of any of its activations; nil when it has none.
    public var lastActivity: Date?
    /// `[{name, variation}]`: the products and variations activated there.
    public var products: JSONValue
    /// `[{id, email, full_name}]`: the customers whose licenses are activated there.
    public var customers: JSONValue

    /// The SELECT list over the site alias `s`: the row, then the aggregates of its activations.
    static let columns = """
        s.id, s.site_url, s.server_version, s.platform_version, s.other::text AS other, s.created_at, s.updated_at,
        (SELECT count(*) FROM license_activations a WHERE a.site_id = s.id AND a.status = 'active')
            AS active_licenses_count,
        (SELECT greatest(max(a.updated_at), max(a.last_update_date)) FROM license_activations a WHERE a.site_id = s.id)
            AS last_activity,
        (SELECT coalesce(json_agg(json_build_object('name', p.title, 'variation', coalesce(v.title, ''))
                                  ORDER BY p.title, p.id, v.id), '[]'::json)
         FROM (SELECT DISTINCT a.product_id, a.variation_id FROM license_activations a WHERE a.site_id = s.id) d
         JOIN products p ON p.id = d.product_id
         LEFT JOIN product_variations v ON v.id = d.variation_id)::text AS products,
        (SELECT coalesce(json_agg(json_build_object('id', c.id, 'email', c.email, 'full_name',
                                                    concat_ws(' ', nullif(c.first_name, ''), nullif(c.last_name, '')))
                                  ORDER BY c.id), '[]'::json)
         FROM customers c
         WHERE c.id IN (SELECT l.customer_id FROM license_activations a JOIN licenses l ON l.id = a.license_id
                        WHERE a.site_id = s.id))::text AS customers
        """

    init(row: QueryResult.Row) throws {
        guard let id = row.int("id"), let siteURL = row["site_url"] else {
            throw DomainError(.internalFailure, "unreadable site row")
        }
        self.id = id
        self.siteURL = siteURL
        serverVersion = row["server_version"] ?? ""
        platformVersion = row["platform_version"] ?? ""
        other = Self.json(row["other"]) ?? .array([])
        createdAt = row["created_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        updatedAt = row["updated_at"].flatMap(Timestamp.parsePostgres) ?? Date(timeIntervalSince1970: 0)
        activeLicensesCount = row.int("active_licenses_count") ?? 0
        lastActivity = row["last_activity"].flatMap(Timestamp.parsePostgres)
        products = Self.json(row["products"]) ?? .array([])
        customers = Self.json(row["customers"]) ?? .array([])
    }

    /// Staging and local sites, by the URL (fluentcart.md §3.3).
    public var isLocal: Bool { SiteURL(siteURL)?.isLocal ?? false }

    /// The site's own columns, as `GET licenses/{id}` shows an activation's site.
    public var siteJSON: JSONObject {
        [
            "id": .integer(id), "site_url": .string(siteURL), "server_version": .string(serverVersion),
            "platform_version": .string(platformVersion), "other": other,
            "created_at": .string(Timestamp.iso8601(createdAt)), "updated_at": .string(Timestamp.iso8601(updatedAt)),
        ]
    }

    /// A row of the list: the site's columns, then `active_licenses_count`, `products`, `customers`, `is_local`
    /// and `last_activity` (`Y-m-d H:i:s`, as FluentCart sends computed times, or null).
    public var json: JSONValue {
        var object = siteJSON
        object["active_licenses_count"] = .integer(activeLicensesCount)
        object["products"] = products
        object["customers"] = customers
        object["is_local"] = .bool(isLocal)
        object["last_activity"] = lastActivity.map { .string(Timestamp.wire($0)) } ?? .null
        return .object(object)
    }

    static func json(_ text: String?) -> JSONValue? {
        text.flatMap { try? JSONParser.parse(Array($0.utf8)) }
    }
}
