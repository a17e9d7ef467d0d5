import Domain
import Foundation
import Testing

/// `settings/license` as the tests call it. There is one registration per installation, so the suites that change
/// it run serialized and start from "unregistered".
struct LicenseRegistrationAPI: Sendable {
    let cli = CLI.stack
    let database = Database.stack

    /// The administrator the registration suites act as, made once.
    static let administrator = Task { try await CLI.stack.createUser(role: "administrator") }

    func send(
        _ method: String,
        _ body: String? = nil,
        via client: HTTPSClient = .main,
        as user: User? = nil
    ) async throws -> HTTPResponse {
        let caller: User
        if let user { caller = user } else { caller = try await Self.administrator.value }
        return try await client.rest(method, "settings/license", as: caller, body: body.map { .json($0) } ?? .none)
    }

    /// Forgets any registration left by an earlier run, straight in the database.
    func reset() async throws {
        _ = try await database.rows("DELETE FROM settings WHERE key = 'license_registration'")
    }

    /// The registration record as stored, or nil.
    func record() async throws -> String? {
        try await database.rows("SELECT value::text FROM settings WHERE key = 'license_registration'").first?[0] ?? nil
    }

    /// The license's active sites, oldest first.
    func sites(_ license: License) async throws -> [String] {
        try await database.rows(
            """
            SELECT s.site_url FROM license_activations a JOIN license_sites s ON s.id = a.site_id
            WHERE a.license_id = \(license.id) ORDER BY a.id
            """
        ).map { $0[0] ?? "" }
    }
}

/// Expects the seed's error envelope with the HTTP status equal to its code.
func expectRegistrationError(
    _ response: HTTPResponse,
    _ status: Int,
    _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "\(response)", sourceLocation: sourceLocation)
    #expect(
        response.text == #"{"message":"\#(message)","errors":[{"code":\#(status),"message":"\#(message)"}]}"#,
        "\(response)",
        sourceLocation: sourceLocation
    )
}
