import Domain
import Foundation
import Testing

/// fluentcart.md §5.2 on a real license: managers and super admins change it, workers and accountants only read it.
/// (The lead's matrix covers every route and role with ids that name nothing; this checks the same on live data.)
@Suite("Admin license writes by role", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseWritePermissionTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let database = Database.stack

    /// In an order a manager can run on one license: activate before expiring, deactivate last.
    static let writes: [(String, String)] = [
        ("regenerate-key", "{}"), ("extend-validity", #"{"days":1}"#), ("update_limit", #"{"limit":9}"#),
        ("update_ip", #"{"ip":"203.0.113.1"}"#), ("activate_site", #"{"url":"viewer.example.com"}"#),
        ("update_status", #"{"status":"expired"}"#), ("deactivate_site", #"{"activation_id":1}"#),
    ]

    @Test("workers and accountants read details and checks but every write answers 403", arguments: Role.viewers)
    func viewersOnlyRead(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(limit: 3)
        let before = try await database.rows("SELECT * FROM licenses WHERE id = \(license.id)")
        #expect(try await api.get("licensing/licenses/\(license.id)", as: role).status == 200)
        #expect(try await api.get("licensing/licenses/\(license.id)/checks", as: role).status == 200)
        for (action, body) in Self.writes {
            expectWriteForbidden(try await api.post(license.id, action, body, as: role))
        }
        expectWriteForbidden(try await api.delete(license.id, as: role))
        #expect(try await database.rows("SELECT * FROM licenses WHERE id = \(license.id)") == before)
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test("managers and super admins may make every write", arguments: ["manager", "super_admin"])
    func staffWrite(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(limit: 3)
        for (action, body) in Self.writes where action != "deactivate_site" {
            let response = try await api.post(license.id, action, body, as: role)
            #expect(response.status == 200, "\(action): \(response)")
        }
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE license_id = \(license.id)"
        )
        let deactivated = try await api.post(
            license.id,
            "deactivate_site",
            #"{"activation_id":\#(activationID)}"#,
            as: role
        )
        #expect(deactivated.status == 200, "\(deactivated)")
        #expect(try await api.delete(license.id, as: role).status == 200)
    }
}
