import Domain
import Foundation
import Testing

/// `licensing/products/{id}/settings` as the tests call it.
struct ProductSettingsAPI: Sendable {
    let client = HTTPSClient.main
    let cli = CLI.stack
    let database = Database.stack

    func get(_ productID: Int64, as role: String = "worker") async throws -> HTTPResponse {
        try await client.rest(
            "GET",
            "licensing/products/\(productID)/settings",
            as: try await RoleUsers.shared.user(role)
        )
    }

    /// POSTs `body` as JSON text.
    func post(_ productID: Int64, _ body: String, as role: String = "manager") async throws -> HTTPResponse {
        try await client.rest(
            "POST",
            "licensing/products/\(productID)/settings",
            as: try await RoleUsers.shared.user(role),
            body: .json(body)
        )
    }

    /// POSTs `{"settings": settings}`.
    func post(_ productID: Int64, settings: JSONValue, as role: String = "manager") async throws -> HTTPResponse {
        try await post(productID, JSONValue.object(["settings": settings]).serialized, as: role)
    }

    /// The stored record: settings JSON text (jsonb's own form), changelog, license keys, product updated_at, and the
    /// product's audit row count. Equal snapshots mean nothing was written.
    func snapshot(_ productID: Int64) async throws -> [[String?]] {
        try await database.rows(
            """
            SELECT s.settings::text, s.changelog, s.license_keys, s.updated_at::text, p.updated_at::text,
                   (SELECT count(*)::text FROM audit_log WHERE object_type = 'product' AND object_id = p.id)
            FROM products p LEFT JOIN product_license_settings s ON s.product_id = p.id
            WHERE p.id = \(productID)
            """
        )
    }
}

/// Expects a 422 with exactly this field map.
func expectSettingsRefusal(
    _ response: HTTPResponse,
    _ fields: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == 422, "\(response)", sourceLocation: sourceLocation)
    #expect(response.text == fields, "\(response)", sourceLocation: sourceLocation)
}
