import Domain
import Foundation
import Testing

/// The customer-profile routes as the tests call them, and the fixtures they share: each test makes its own
/// customers, products and licenses, so tests stay independent on the shared database.
struct CustomerProfileAPI: Sendable {
    let client = HTTPSClient.main
    let cli = CLI.stack
    let database = Database.stack

    /// `GET customer-profile/<route>` as `user`.
    func get(_ route: String, as user: User) async throws -> HTTPResponse {
        try await client.rest("GET", "customer-profile/\(route)", as: user)
    }

    /// `POST customer-profile/<route>` as `user`, with a JSON body.
    func post(_ route: String, as user: User, json: String = "{}") async throws -> HTTPResponse {
        try await client.rest("POST", "customer-profile/\(route)", as: user, body: .json(json))
    }

    /// A license of `customer` for `product`; `options` go to `license create`.
    func license(of customer: Customer, for product: Product, _ options: [String] = []) async throws -> License {
        try await cli.createLicense(for: product, ["--customer", "\(customer.id)"] + options)
    }

    /// Activates `license` on `site` through the public protocol, as a WordPress site would.
    func activate(_ license: License, _ product: Product, site: String) async throws {
        let response = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(response.status == 200, "activation: \(response)")
    }

    /// `(actor, action)` of the license's audit rows, oldest first.
    func audit(_ license: License) async throws -> [[String?]] {
        try await database.rows(
            "SELECT actor, action FROM audit_log WHERE object_type = 'license' AND object_id = \(license.id) ORDER BY id"
        )
    }

    /// What a test compares to prove that a refused request changed nothing.
    func snapshot(_ license: License) async throws -> [[String?]] {
        try await database.rows(
            """
            SELECT l.status, l.owner_enabled::text, l.activation_count::text, l.updated_at::text,
                   (SELECT string_agg(a.id::text, ',' ORDER BY a.id) FROM license_activations a WHERE a.license_id = l.id),
                   (SELECT count(*)::text FROM audit_log WHERE object_type = 'license' AND object_id = l.id)
            FROM licenses l WHERE l.id = \(license.id)
            """
        )
    }

    /// `created_at` of the license as the customer routes write it.
    func createdAt(_ license: License) async throws -> String? {
        try await database.value(
            "SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM licenses WHERE id = \(license.id)"
        )
    }
}

extension HTTPResponse {
    /// The `license_key`s of `licenses.data` in the order sent.
    var listedKeys: [String] {
        guard case .array(let rows)? = orderedJSON?["licenses"]?["data"] else { return [] }
        return rows.compactMap { $0["license_key"]?.stringValue }
    }
}

/// Expects FluentCart's customer refusal: 422 `{"message": message}` and nothing else.
func expectCustomerRefusal(
    _ response: HTTPResponse,
    _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == 422, "\(response)", sourceLocation: sourceLocation)
    #expect(
        response.orderedJSON == .object(["message": .string(message)]),
        "\(response)",
        sourceLocation: sourceLocation
    )
}

/// A unique site with a staging host, which FluentCart counts as local.
func uniqueStagingSite() -> String {
    "https://staging.shop-\(UUID().uuidString.prefix(8).lowercased()).example.com"
}
