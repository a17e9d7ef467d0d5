import Domain
import Foundation
import Testing

@Suite("Customer profile: deactivate, enable, disable", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CustomerProfileWriteTests {
    let api = CustomerProfileAPI()

    func activations(of license: License) async throws -> [String] {
        try await api.database.rows(
            """
            SELECT s.site_url FROM license_activations a JOIN license_sites s ON s.id = a.site_id
            WHERE a.license_id = \(license.id) ORDER BY a.id
            """
        ).map { $0[0] ?? "" }
    }

    func activationCount(of license: License) async throws -> Int {
        try await api.database.integer("SELECT activation_count FROM licenses WHERE id = \(license.id)")
    }

    @Test("deactivate_site by site_url, normalized: removes the activation, recounts, keeps the site, audits the user")
    func deactivateByURL() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct(limit: 2)
        let license = try await api.license(of: customer, for: product)
        let first = uniqueSite()
        let second = uniqueSite()
        try await api.activate(license, product, site: first)
        try await api.activate(license, product, site: second)
        #expect(try await activationCount(of: license) == 2)
        let response = try await api.post(
            "licenses/\(license.licenseKey)/deactivate_site",
            as: user,
            json: #"{"site_url":"\#(first.uppercased().replacingOccurrences(of: "HTTPS://", with: "http://"))//"}"#
        )
        #expect(response.status == 200, "\(response)")
        #expect(response.text == #"{"message":"Site deactivated successfully"}"#)
        #expect(try await activations(of: license) == [second.replacingOccurrences(of: "https://", with: "")])
        #expect(try await activationCount(of: license) == 1)
        let host = first.replacingOccurrences(of: "https://", with: "")
        #expect(try await api.database.integer("SELECT count(*) FROM license_sites WHERE site_url = '\(host)'") == 1)
        let audit = try await api.audit(license)
        #expect(audit.last == ["user:\(user.login)", "license.customer_deactivate_site"], "\(audit)")
        // The freed slot takes a new site at once.
        try await api.activate(license, product, site: uniqueSite())
    }

    @Test("deactivate_site by site_id, in a form body")
    func deactivateByID() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: customer, for: product)
        let site = uniqueSite()
        try await api.activate(license, product, site: site)
        let siteID = try await api.database.integer(
            "SELECT site_id FROM license_activations WHERE license_id = \(license.id)"
        )
        let response = try await api.client.rest(
            "POST",
            "customer-profile/licenses/\(license.licenseKey)/deactivate_site",
            as: user,
            body: .form("site_id=\(siteID)")
        )
        #expect(response.status == 200, "\(response)")
        #expect(try await activations(of: license).isEmpty)
        #expect(try await activationCount(of: license) == 0)
    }

    @Test("refuses a site the license is not active on, an unknown site, and no site, changing nothing")
    func deactivateRefusals() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: customer, for: product)
        let other = try await api.license(of: customer, for: product)
        let site = uniqueSite()
        let otherSite = uniqueSite()
        try await api.activate(license, product, site: site)
        try await api.activate(other, product, site: otherSite)
        let before = try await api.snapshot(license)
        for body in [
            #"{"site_url":"\#(otherSite)"}"#, #"{"site_url":"\#(uniqueSite())"}"#, "{}", #"{"site_id":"abc"}"#,
            #"{"site_id":9223372036854775807}"#, #"{"site_url":"   "}"#,
        ] {
            let response = try await api.post("licenses/\(license.licenseKey)/deactivate_site", as: user, json: body)
            expectCustomerRefusal(response, "Site not found or not activated for this license")
        }
        #expect(try await api.snapshot(license) == before)
    }

    @Test("disable turns the owner's switch off, and FaxStore checks answer NOT ACTIVE until enable turns it on")
    func enableAndDisable() async throws {
        let (customer, user) = try await api.cli.customerUser()
        let product = try await api.cli.fluentCartProduct()
        let license = try await api.license(of: customer, for: product, ["--expires", "lifetime"])
        let disabled = try await api.post("licenses/\(license.licenseKey)/disable", as: user)
        #expect(disabled.status == 200, "\(disabled)")
        #expect(disabled.orderedKeys == ["message", "license"])
        #expect(disabled.string("message") == "License has been disabled.")
        #expect(disabled.orderedJSON?["license"]?["owner_enabled"] == false)
        #expect(disabled.orderedJSON?["license"]?["license_key"] == .string(license.licenseKey))
        #expect(try await api.database.value("SELECT owner_enabled FROM licenses WHERE id = \(license.id)") == "f")
        expectAnswer(try await api.client.check(product, key: license.licenseKey), .notActive)

        let enabled = try await api.post("licenses/\(license.licenseKey)/enable", as: user)
        #expect(enabled.status == 200, "\(enabled)")
        #expect(enabled.string("message") == "License has been enabled.")
        #expect(enabled.orderedJSON?["license"]?["owner_enabled"] == true)
        #expect(try await api.database.value("SELECT owner_enabled FROM licenses WHERE id = \(license.id)") == "t")
        expectAnswer(try await api.client.check(product, key: license.licenseKey), .authorised())

        let audit = try await api.audit(license)
        #expect(
            audit.suffix(2) == [
                ["user:\(user.login)", "license.customer_disable"], ["user:\(user.login)", "license.customer_enable"],
            ],
            "\(audit)"
        )
        let rows = try await api.database.rows(
            """
            SELECT before->>'owner_enabled', after->>'owner_enabled', after->>'license_key' FROM audit_log
            WHERE object_type = 'license' AND object_id = \(license.id) AND action = 'license.customer_disable'
            """
        )
        #expect(rows == [["true", "false", "…" + String(license.licenseKey.suffix(4))]])
    }
}
