import Domain
import Foundation
import Testing

/// The admin license routes as the tests call them.
struct AdminLicenseAPI: Sendable {
    let client = HTTPSClient.main

    /// `POST licensing/licenses/<id>/<action>` with a JSON body, as `role`.
    func post(
        _ license: Int64,
        _ action: String,
        _ body: String = "{}",
        as role: String = "manager"
    ) async throws -> HTTPResponse {
        try await client.rest(
            "POST",
            "licensing/licenses/\(license)/\(action)",
            as: try await RoleUsers.shared.user(role),
            body: .json(body)
        )
    }

    /// A form-encoded POST, as FluentCart's admin app sends some of these.
    func postForm(
        _ license: Int64,
        _ action: String,
        _ fields: KeyValuePairs<String, String>,
        as role: String = "manager"
    ) async throws -> HTTPResponse {
        try await client.rest(
            "POST",
            "licensing/licenses/\(license)/\(action)",
            as: try await RoleUsers.shared.user(role),
            body: .form(formEncoded(fields))
        )
    }

    func get(_ route: String, as role: String = "worker") async throws -> HTTPResponse {
        try await client.rest("GET", route, as: try await RoleUsers.shared.user(role))
    }

    func delete(_ license: Int64, as role: String = "manager") async throws -> HTTPResponse {
        try await client.rest(
            "DELETE",
            "licensing/licenses/\(license)/delete",
            as: try await RoleUsers.shared.user(role)
        )
    }
}

/// The 404 body of every `licenses/{id}/…` route for an id that names nothing (fluentcart.md §5.4).
func expectNoLicense(_ response: HTTPResponse, id: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 404, "\(response)", sourceLocation: sourceLocation)
    #expect(
        response.orderedJSON
            == .object([
                "message": .string(
                    #"No query results for model [FluentCartPro\App\Modules\Licensing\Models\License] "# + id
                )
            ]),
        "\(response)",
        sourceLocation: sourceLocation
    )
}

/// A refusal `{"message": "<text>"}` with `status`.
func expectMessageBody(
    _ response: HTTPResponse,
    _ status: Int,
    _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
    #expect(
        response.orderedJSON == .object(["message": .string(message)]),
        "\(response)",
        sourceLocation: sourceLocation
    )
}

/// The 403 of a caller without the capability.
func expectWriteForbidden(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.status == 403, "\(response)", sourceLocation: sourceLocation)
    #expect(response.string("code") == "rest_forbidden", "\(response)", sourceLocation: sourceLocation)
}

/// An id no license has.
let missingLicenseID: Int64 = 9_000_000_000_000_000_001

extension Database {
    /// The newest audit row for a license: action, actor, before and after (as JSON text).
    func lastLicenseAudit(
        of license: Int64
    ) async throws -> (action: String?, actor: String?, before: JSONValue?, after: JSONValue?) {
        let rows = try await rows(
            """
            SELECT action, actor, before::text, after::text FROM audit_log
            WHERE object_type = 'license' AND object_id = \(license) ORDER BY id DESC LIMIT 1
            """
        )
        guard let row = rows.first else { return (nil, nil, nil, nil) }
        let parse: (String?) -> JSONValue? = { text in text.flatMap { try? JSONParser.parse(Array($0.utf8)) } }
        return (row[0], row[1], parse(row[2]), parse(row[3]))
    }

    /// How many audit rows a license has.
    func licenseAuditCount(of license: Int64) async throws -> Int {
        try await integer("SELECT count(*) FROM audit_log WHERE object_type = 'license' AND object_id = \(license)")
    }

    /// `status, activation_limit, activation_count, expiration_date (Y-m-d H:i:s or NULL), config, ip, ip_lock`.
    func licenseColumns(_ id: Int64) async throws -> [String?] {
        try await rows(
            """
            SELECT status, activation_limit::text, activation_count::text,
                   to_char(expiration_date AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), config::text, host(ip),
                   ip_lock::text
            FROM licenses WHERE id = \(id)
            """
        ).first ?? []
    }
}

/// The keys of the admin license JSON (fluentcart.md §2.1 and §6), in order.
let adminLicenseKeys = [
    "id", "status", "limit", "activation_count", "license_key", "product_id", "variation_id", "order_id", "parent_id",
    "customer_id", "expiration_date", "last_reminder_sent", "last_reminder_type", "subscription_id", "config", "ip",
    "ip_lock", "owner_enabled", "total_requests", "last_request_at", "created_at", "updated_at", "activations_count",
    "labels", "customer", "product", "product_variant",
]

extension HTTPResponse {
    /// The keys of the `license` object of an answer, in order.
    var licenseKeys: [String] {
        guard case .object(let license)? = orderedJSON?["license"] else { return [] }
        return license.keys
    }
}

extension JSONValue {
    /// The number of elements of an array, nil for anything else.
    var arrayCount: Int? {
        if case .array(let values) = self { return values.count }
        return nil
    }

    /// The element at `index` of an array, nil for anything else.
    subscript(index: Int) -> JSONValue? {
        if case .array(let values) = self, values.indices.contains(index) { return values[index] }
        return nil
    }
}
