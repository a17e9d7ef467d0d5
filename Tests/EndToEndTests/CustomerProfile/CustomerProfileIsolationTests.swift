import Domain
import Foundation
import Testing

@Suite("Customer profile: every query is the caller's own", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CustomerProfileIsolationTests {
    let api = CustomerProfileAPI()

    /// Every route that names a key, with a body that would change something if the key were the caller's.
    func calls(_ key: String, site: String) -> [(method: String, route: String, body: String)] {
        [
            ("GET", "licenses/\(key)", ""), ("GET", "licenses/\(key)/activations", ""),
            ("POST", "licenses/\(key)/deactivate_site", #"{"site_url":"\#(site)"}"#),
            ("POST", "licenses/\(key)/enable", "{}"), ("POST", "licenses/\(key)/disable", "{}"),
        ]
    }

    func send(_ call: (method: String, route: String, body: String), as user: User) async throws -> HTTPResponse {
        call.method == "GET"
            ? try await api.get(call.route, as: user) : try await api.post(call.route, as: user, json: call.body)
    }

    @Test("another customer's key answers exactly like a key that does not exist, on every route, and changes nothing")
    func foreignKey() async throws {
        let (_, intruder) = try await api.cli.customerUser()
        let (owner, _) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: owner, for: product)
        let site = uniqueSite()
        try await api.activate(license, product, site: site)
        let before = try await api.snapshot(license)
        let unknown = "no-such-key-\(UUID().uuidString.prefix(8))"
        for (foreign, missing) in zip(calls(license.licenseKey, site: site), calls(unknown, site: site)) {
            let answer = try await send(foreign, as: intruder)
            let reference = try await send(missing, as: intruder)
            expectCustomerRefusal(answer, "License not found")
            #expect(answer.status == reference.status && answer.text == reference.text, "\(foreign.route)")
        }
        for lowered in calls(license.licenseKey.uppercased(), site: site) {
            expectCustomerRefusal(try await send(lowered, as: intruder), "License not found")
        }
        #expect(try await api.snapshot(license) == before)
        #expect(!(try await api.get("licenses", as: intruder).listedKeys.contains(license.licenseKey)))
    }

    @Test("a key too short to be a key is refused like any unknown key")
    func impossibleKey() async throws {
        let (_, user) = try await api.cli.customerUser()
        expectCustomerRefusal(try await api.get("licenses/abc", as: user), "License not found")
        expectCustomerRefusal(try await api.post("licenses/abc/enable", as: user), "License not found")
    }

    @Test("a user without a customer gets 422 Customer not found on every route but the list")
    func noCustomer() async throws {
        let user = try await api.cli.createUser(role: "customer")
        let (owner, _) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: owner, for: product)
        let before = try await api.snapshot(license)
        for key in [license.licenseKey, "no-such-key-\(UUID().uuidString.prefix(8))"] {
            for call in calls(key, site: uniqueSite()) {
                expectCustomerRefusal(try await send(call, as: user), "Customer not found")
            }
        }
        #expect(try await api.snapshot(license) == before)
    }

    @Test("answers 401 without credentials or with a wrong password")
    func unauthenticated() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let license = try await api.license(of: customer, for: try await api.cli.fluentCartProduct())
        for route in ["licenses", "licenses/\(license.licenseKey)"] {
            let anonymous = try await api.client.rest("GET", "customer-profile/\(route)")
            #expect(anonymous.status == 401 && anonymous.string("code") == "rest_not_logged_in", "\(anonymous)")
            let wrong = try await api.client.rest(
                "GET",
                "customer-profile/\(route)",
                as: user,
                password: String(user.applicationPassword.reversed())
            )
            #expect(wrong.status == 401, "\(wrong)")
        }
        let disable = try await api.client.rest("POST", "customer-profile/licenses/\(license.licenseKey)/disable")
        #expect(disable.status == 401)
        #expect(try await api.database.value("SELECT owner_enabled FROM licenses WHERE id = \(license.id)") == "t")
    }
}
