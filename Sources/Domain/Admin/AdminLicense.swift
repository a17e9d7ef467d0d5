import Foundation

/// A license as the admin REST API shows it (fluentcart.md §6): the license row with its customer, product and
/// variation, read in one statement.
public struct AdminLicense: Sendable, Equatable {
    public var license: License
    public var customer: Relation?
    public var productTitle: String?
    public var productSlug: String?
    public var variationTitle: String?
    public var customerCreatedAt: Date?
    public var customerUpdatedAt: Date?

    /// The customer columns the relation shows.
    public struct Relation: Sendable, Equatable {
        public var id: Int64
        public var userID: Int64?
        public var email: String
        public var firstName: String
        public var lastName: String
    }

    /// The SELECT list and joins shared by every admin statement that returns licenses; `l` is the license.
    public static let select = """
        SELECT l.id, l.license_key, l.status, l.activation_limit, l.activation_count, l.product_id, l.variation_id,
               l.order_id, l.customer_id, l.subscription_id, l.expiration_date, l.config, host(l.ip) AS ip, l.ip_lock,
               l.owner_enabled, l.total_requests, l.last_request_at, l.created_at, l.updated_at,
               c.id AS customer_row_id, c.user_id AS customer_user_id, c.email AS customer_email,
               c.first_name AS customer_first_name, c.last_name AS customer_last_name,
               c.created_at AS customer_created_at, c.updated_at AS customer_updated_at,
               p.title AS product_title, p.slug AS product_slug, v.title AS variation_title
        FROM licenses l
        LEFT JOIN customers c ON c.id = l.customer_id
        LEFT JOIN products p ON p.id = l.product_id
        LEFT JOIN product_variations v ON v.id = l.variation_id
        """

    public init(row: QueryResult.Row) throws {
        license = try License(row: row)
        if let id = row.int("customer_row_id") {
            customer = Relation(
                id: id,
                userID: row.int("customer_user_id"),
                email: row["customer_email"] ?? "",
                firstName: row["customer_first_name"] ?? "",
                lastName: row["customer_last_name"] ?? ""
            )
            customerCreatedAt = row["customer_created_at"].flatMap(Timestamp.parsePostgres)
            customerUpdatedAt = row["customer_updated_at"].flatMap(Timestamp.parsePostgres)
        }
        productTitle = row["product_title"]
        productSlug = row["product_slug"]
        variationTitle = row["variation_title"]
    }

    /// The admin license JSON: §2.1's keys, `activations_count`, `labels`, and the relations, always present.
    /// `listed` applies the lists' rule: a license whose date has passed shows `expired`, without grace [FC].
    public func json(listed: Bool = false, now: Date = Date()) -> JSONValue {
        guard case .object(var object) = license.json else { return license.json }
        if listed, let date = license.expirationDate, date < now { object["status"] = "expired" }
        object["activations_count"] = .integer(license.activationCount)
        object["labels"] = .array([])
        object["customer"] =
            customer.map { customer in
                .object([
                    "id": .integer(customer.id), "user_id": .optional(customer.userID),
                    "email": .string(customer.email), "first_name": .string(customer.firstName),
                    "last_name": .string(customer.lastName),
                    "full_name": .string(
                        [customer.firstName, customer.lastName].filter { !$0.isEmpty }.joined(separator: " ")
                    ),
                    "created_at": customerCreatedAt.map { .string(Timestamp.iso8601($0)) } ?? .null,
                    "updated_at": customerUpdatedAt.map { .string(Timestamp.iso8601($0)) } ?? .null,
                ])
            } ?? .null
        object["product"] = .object([
            "id": .integer(license.productID), "post_title": .string(productTitle ?? ""),
            "post_name": .string(productSlug ?? ""),
        ])
        object["product_variant"] =
            license.variationID.map { id in
                .object([
                    "id": .integer(id), "post_id": .integer(license.productID),
                    "variation_title": .string(variationTitle ?? ""),
                ])
            } ?? .null
        return .object(object)
    }
}
