import Domain
import Foundation
import Testing

/// Serialized: the installation has one registration record, and every test here changes it.
@Suite(
    "settings/license: registering this installation's license",
    .serialized,
    .enabled(if: Stack.isConfigured, "set by scripts/test.sh")
)
struct LicenseRegistrationTests {
    let api = LicenseRegistrationAPI()

    @Test("GET answers FluentCart's unregistered form when nothing is registered")
    func unregistered() async throws {
        try await api.reset()
        let response = try await api.send("GET")
        #expect(response.status == 200)
        #expect(
            response.text
                == #"{"license_key":"","status":"unregistered","variation_id":"","variation_title":"","expires":"","license":null}"#
        )
    }

    @Test("registers a key on a domain, shows it, refuses a second registration, and unregisters with the defaults")
    func flow() async throws {
        try await api.reset()
        let (product, license) = try await api.cli.fluentCartLicense(limit: 2, ["--expires", "2031-02-03 04:05:06"])
        let domain = uniqueSite()
        let host = domain.replacingOccurrences(of: "https://", with: "")
        let registered = try await api.send("POST", #"{"license_key":"\#(license.licenseKey)","domain":"\#(domain)/"}"#)
        #expect(registered.status == 200, "\(registered)")
        #expect(registered.orderedKeys == ["message", "license"])
        #expect(registered.string("message") == "License activated successfully")
        let object = try #require(registered.orderedJSON?["license"])
        guard case .object(let fields) = object else {
            Issue.record("no license object: \(registered)")
            return
        }
        #expect(
            fields.keys == [
                "id", "customer_id", "product_id", "license_key", "status", "expires_at", "domain_limit",
                "active_domains", "created_at", "updated_at",
            ]
        )
        let activationID = try await api.database.integer(
            "SELECT a.id FROM license_activations a WHERE a.license_id = \(license.id)"
        )
        #expect(fields["id"] == .integer(license.id) && fields["product_id"] == .integer(product.id))
        #expect(fields["license_key"] == .string(license.licenseKey) && fields["status"] == "active")
        #expect(fields["expires_at"] == "2031-02-03 04:05:06" && fields["domain_limit"] == 2)
        #expect(fields["customer_id"] == 0)
        #expect(
            fields["active_domains"]
                == .array([.object(["id": .integer(Int64(activationID)), "domain": .string(host)])])
        )
        #expect(try await api.sites(license) == [host])
        #expect(try await api.record() != nil)

        let shown = try await api.send("GET")
        #expect(
            shown.orderedKeys == ["license_key", "status", "variation_id", "variation_title", "expires", "license"]
        )
        #expect(shown.string("license_key") == license.licenseKey && shown.string("status") == "valid")
        #expect(shown.integer("variation_id") == product.variationId)
        #expect(shown.string("variation_title") == product.title && shown.string("expires") == "2031-02-03 04:05:06")
        #expect(shown.orderedJSON?["license"] == object)

        let (_, other) = try await api.cli.fluentCartLicense()
        for key in [license.licenseKey, other.licenseKey] {
            expectRegistrationError(
                try await api.send("POST", #"{"license_key":"\#(key)","domain":"\#(uniqueSite())"}"#),
                409,
                "License already active"
            )
        }
        #expect(try await api.sites(license) == [host])

        let removed = try await api.send("DELETE")
        #expect(removed.status == 200, "\(removed)")
        #expect(removed.string("message") == "License deactivated successfully")
        #expect(removed.orderedJSON?["license"]?["active_domains"] == .array([]))
        #expect(try await api.sites(license).isEmpty)
        #expect(try await api.record() == nil)
        #expect(try await api.send("GET").string("status") == "unregistered")

        let admin = try await LicenseRegistrationAPI.administrator.value
        let audit = try await api.database.rows(
            """
            SELECT actor, action, after->>'license_key' FROM audit_log
            WHERE object_type = 'license' AND object_id = \(license.id) AND action LIKE 'settings.%' ORDER BY id
            """
        )
        #expect(
            audit == [
                ["user:\(admin.login)", "settings.license_register", "…" + String(license.licenseKey.suffix(4))],
                ["user:\(admin.login)", "settings.license_unregister", nil],
            ]
        )
    }

    @Test("POST refusals use the seed's envelope, with the status as the code, and register nothing")
    func registrationRefusals() async throws {
        try await api.reset()
        let (product, full) = try await api.cli.fluentCartLicense(limit: 1)
        let taken = try await HTTPSClient.main.fluentCart(
            "activate_license",
            ["license_key": full.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
        )
        #expect(taken.status == 200)
        let (_, expired) = try await api.cli.fluentCartLicense([
            "--status", "active", "--expires", expiryTimestamp(daysFromNow: -30),
        ])
        let (_, disabled) = try await api.cli.fluentCartLicense(["--status", "disabled"])
        let cases: [(String, Int, String)] = [
            ("{}", 400, "Invalid license key"),
            (#"{"license_key":""}"#, 400, "Invalid license key"),
            (#"{"license_key":"no-such-key-\#(UUID().uuidString.prefix(8))"}"#, 400, "Invalid license key"),
            (#"{"license_key":"<b>bad key</b>"}"#, 400, "Invalid license key"),
            (
                #"{"license_key":"\#(expired.licenseKey)"}"#, 403,
                "The license key is expired. Please renew or purchase a new license"
            ),
            (
                #"{"license_key":"\#(disabled.licenseKey)"}"#, 403,
                "The license is not Active. Please contact the support."
            ),
            (
                #"{"license_key":"\#(full.licenseKey)","domain":"\#(uniqueSite())"}"#, 403,
                "License domain limit reached"
            ),
        ]
        for (body, status, message) in cases {
            expectRegistrationError(try await api.send("POST", body), status, message)
        }
        #expect(try await api.record() == nil)
        #expect(try await api.sites(full).count == 1)
        #expect(try await api.sites(expired).isEmpty)
        #expect(try await api.sites(disabled).isEmpty)
    }

    @Test("a site the license is already active on is reused without a limit check, as in activate_license")
    func reusesActiveSite() async throws {
        try await api.reset()
        let (product, license) = try await api.cli.fluentCartLicense(limit: 1)
        let site = uniqueSite()
        let activated = try await HTTPSClient.main.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(activated.status == 200)
        let response = try await api.send(
            "POST",
            #"{"license_key":"\#(license.licenseKey.uppercased())","domain":"\#(site.uppercased())"}"#
        )
        #expect(response.status == 200, "\(response)")
        #expect(try await api.sites(license).count == 1)
        let removed = try await api.send(
            "DELETE",
            #"{"license_key":"\#(license.licenseKey)","domain":"\#(site)"}"#
        )
        #expect(removed.status == 200, "\(removed)")
        #expect(try await api.sites(license).isEmpty)
    }

    @Test("the default domain is the host of PUBLIC_BASE_URL, else the request's host")
    func defaultDomain() async throws {
        try await api.reset()
        let (_, license) = try await api.cli.fluentCartLicense()
        let response = try await api.send("POST", #"{"license_key":"\#(license.licenseKey)"}"#)
        #expect(response.status == 200, "\(response)")
        let requestHost = try #require(URL(string: Stack.baseURL)?.host)
        #expect(try await api.sites(license) == [requestHost])
        #expect(try await api.send("DELETE").status == 200)

        guard Stack.hasV1Stack else { return }
        let (_, other) = try await api.cli.fluentCartLicense()
        let viaPublicBase = try await api.send("POST", #"{"license_key":"\#(other.licenseKey)"}"#, via: .v1)
        #expect(viaPublicBase.status == 200, "\(viaPublicBase)")
        #expect(try await api.sites(other) == ["licenses.example.test"])
        #expect(try await api.send("DELETE", via: .v1).status == 200)
    }

    @Test("DELETE refusals: nothing registered, another key, a domain without the activation")
    func unregistrationRefusals() async throws {
        try await api.reset()
        expectRegistrationError(try await api.send("DELETE"), 404, "License not found")
        let (_, license) = try await api.cli.fluentCartLicense()
        let (_, other) = try await api.cli.fluentCartLicense()
        let domain = uniqueSite()
        #expect(
            try await api.send("POST", #"{"license_key":"\#(license.licenseKey)","domain":"\#(domain)"}"#).status == 200
        )
        expectRegistrationError(
            try await api.send("DELETE", #"{"license_key":"\#(other.licenseKey)"}"#),
            404,
            "License not found"
        )
        expectRegistrationError(
            try await api.send("DELETE", #"{"domain":"\#(uniqueSite())"}"#),
            404,
            "Domain not found for this license"
        )
        #expect(try await api.record() != nil)
        #expect(try await api.sites(license).count == 1)
        let removed = try await api.send("DELETE", #"{"license_key":"\#(license.licenseKey)"}"#)
        #expect(removed.status == 200, "\(removed)")
        #expect(try await api.record() == nil)
    }

    @Test("only administrators: other roles get 403, no or wrong credentials 401, and nothing changes")
    func permissions() async throws {
        try await api.reset()
        let (_, license) = try await api.cli.fluentCartLicense()
        let body = #"{"license_key":"\#(license.licenseKey)","domain":"\#(uniqueSite())"}"#
        for role in ["super_admin", "manager", "worker", "accountant", "customer"] {
            let user = try await api.cli.createUser(role: role)
            for method in ["GET", "POST", "DELETE"] {
                let response = try await api.send(method, body, as: user)
                #expect(response.status == 403 && response.string("code") == "rest_forbidden", "\(method) as \(role)")
            }
        }
        let admin = try await LicenseRegistrationAPI.administrator.value
        for method in ["GET", "POST", "DELETE"] {
            let anonymous = try await HTTPSClient.main.rest(method, "settings/license", body: .json(body))
            #expect(anonymous.status == 401 && anonymous.string("code") == "rest_not_logged_in", "\(method)")
            let wrong = try await HTTPSClient.main.rest(
                method,
                "settings/license",
                as: admin,
                password: "wrong",
                body: .json(body)
            )
            #expect(wrong.status == 401, "\(method)")
        }
        #expect(try await api.record() == nil)
        #expect(try await api.sites(license).isEmpty)
    }
}
