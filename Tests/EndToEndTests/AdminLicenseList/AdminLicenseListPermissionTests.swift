import Domain
import Foundation
import Testing

@Suite("Admin license and site lists: who may read them", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseListPermissionTests {
    let client = HTTPSClient.main

    static let routes = ["licensing/licenses", "licensing/licenses/customer/1", "licensing/sites", "licensing/sites/1"]

    @Test(
        "every role with licenses/view may read the lists",
        arguments: ["administrator", "super_admin", "manager", "worker", "accountant"]
    )
    func viewers(role: String) async throws {
        let user = try await RoleUsers.shared.user(role)
        for route in Self.routes.prefix(3) {
            let response = try await client.rest("GET", route, as: user)
            #expect(response.status == 200, "\(role) \(route): \(response)")
        }
        let details = try await client.rest("GET", "licensing/sites/999999999999", as: user)
        #expect(details.status == 404)
    }

    @Test("a customer gets 403 rest_forbidden")
    func customer() async throws {
        let user = try await RoleUsers.shared.user("customer")
        for route in Self.routes {
            let response = try await client.rest("GET", route, as: user)
            #expect(response.status == 403, "\(route): \(response)")
            #expect(response.string("code") == "rest_forbidden")
        }
    }

    @Test("no credentials, or a wrong password, get 401 rest_not_logged_in")
    func anonymous() async throws {
        let user = try await RoleUsers.shared.user("worker")
        for route in Self.routes {
            let anonymous = try await client.rest("GET", route)
            #expect(anonymous.status == 401, "\(route): \(anonymous)")
            #expect(anonymous.string("code") == "rest_not_logged_in")
            let wrong = try await client.rest("GET", route, as: user, password: "abcd efgh ijkl mnop qrst uvwx")
            #expect(wrong.status == 401, "\(route): \(wrong)")
        }
    }
}
