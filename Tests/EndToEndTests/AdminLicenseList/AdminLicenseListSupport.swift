import Domain
import Foundation
import Testing

/// The paginator of a list answer (fluentcart.md §5.5), read with its keys in order.
struct AdminListPage {
    var response: HTTPResponse
    var paginator: JSONObject

    init(
        _ response: HTTPResponse,
        name: String = "licenses",
        sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        self.response = response
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        guard case .object(let paginator)? = response.orderedJSON?[name] else {
            throw SubprocessError(description: "no \(name) paginator in \(response)")
        }
        self.paginator = paginator
    }

    var rows: [JSONObject] {
        guard case .array(let rows)? = paginator["data"] else { return [] }
        return rows.compactMap { row in
            if case .object(let object) = row { return object }
            return nil
        }
    }

    var ids: [Int64] { rows.compactMap { $0["id"]?.listInteger } }
    var total: Int64? { paginator["total"]?.listInteger }
    func integer(_ key: String) -> Int64? { paginator[key]?.listInteger }
    func string(_ key: String) -> String? { paginator[key]?.stringValue }
}

extension JSONValue {
    var listInteger: Int64? {
        if case .integer(let number) = self { return number }
        return nil
    }

    var listArray: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    var listObject: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

extension HTTPSClient {
    /// `GET licensing/<route>` with `query` (already encoded) as a user of `role`.
    func adminList(
        _ route: String,
        _ query: [(String, String)] = [],
        role: String = "worker"
    ) async throws
        -> HTTPResponse
    {
        let user = try await RoleUsers.shared.user(role)
        let encoded = query.map { "\(formEscaped($0.0))=\(formEscaped($0.1))" }.joined(separator: "&")
        return try await rest("GET", "licensing/\(route)" + (encoded.isEmpty ? "" : "?" + encoded), as: user)
    }
}

extension CLI {
    /// A customer with a name, for the searches over "first last".
    func listCustomer(first: String, last: String, email: String? = nil) async throws -> Customer {
        try await run([
            "customer", "create", "--email", email ?? "e2e-\(UUID().uuidString.lowercased())@example.test",
            "--first-name", first, "--last-name", last,
        ]).decode(Customer.self)
    }

    /// `count` licenses of a new product, inserted in one statement (the CLI would take a process each); their ids,
    /// ascending.
    func listBulkLicenses(count: Int) async throws -> (Product, [Int64]) {
        let product = try await createProduct()
        let prefix = "bulk" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        let ids = try await Database.stack.rows(
            """
            INSERT INTO licenses (license_key, product_id, variation_id)
            SELECT '\(prefix)' || lpad(n::text, 4, '0'), \(product.id), \(product.variationId)
            FROM generate_series(1, \(count)) AS n
            RETURNING id
            """
        ).compactMap { $0.first.flatMap { $0.flatMap { Int64($0) } } }
        return (product, ids.sorted())
    }
}

/// A unique lowercase token for names, keys and URLs that no other test uses.
func listToken(_ length: Int = 12) -> String {
    String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(length).lowercased())
}

/// `<base>/wp-json/fluent-cart/v2/licensing/<route>`, the paginators' path on the main stack.
func listPath(_ route: String) -> String {
    Stack.baseURL + "/wp-json/fluent-cart/v2/licensing/" + route
}
