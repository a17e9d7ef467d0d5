import Domain
import Foundation
import Testing

@Suite("Admin activate_site and deactivate_site", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseSiteTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    static let successKeys = [
        "success", "license", "item_id", "item_name", "license_limit", "site_count", "expires", "activations_left",
        "customer_name", "customer_email", "price_id", "checksum",
    ]
    static let failureKeys = Array(successKeys.dropLast()) + ["error"]

    func activate(
        _ license: License,
        _ site: String,
        field: String = "url",
        as role: String = "manager"
    ) async throws
        -> HTTPResponse
    {
        try await api.post(license.id, "activate_site", #"{"\#(field)":"\#(site)"}"#, as: role)
    }

    func expectFailure(
        _ response: HTTPResponse,
        _ code: String,
        _ message: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        #expect(response.orderedKeys == Self.failureKeys, "\(response)", sourceLocation: sourceLocation)
        #expect(response.json?["success"] as? Bool == false, sourceLocation: sourceLocation)
        #expect(response.string("license") == code, sourceLocation: sourceLocation)
        #expect(response.string("error") == message, sourceLocation: sourceLocation)
    }

    @Test("activates a site in EDD style; the site is counted and an inactive license becomes active")
    func activates() async throws {
        let customer = try await cli.run([
            "customer", "create", "--email", "e2e-\(UUID().uuidString.lowercased())@example.test", "--first-name",
            "Ada",
            "--last-name", "Lovelace",
        ]).decode(Customer.self)
        let (product, license) = try await cli.fluentCartLicense(
            3,
            ["--customer", "\(customer.id)", "--expires", "2031-01-15 10:30:00"]
        )
        let site = uniqueSite()
        let response = try await activate(license, site + "/")
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == Self.successKeys)
        let json = try #require(response.orderedJSON)
        #expect(json["success"] == true && json["license"] == "valid")
        #expect(json["item_id"] == .integer(product.id) && json["price_id"] == .integer(product.variationId))
        #expect(json["item_name"] == "" && json["customer_email"] == "")
        #expect(json["customer_name"] == "Ada Lovelace")
        #expect(json["license_limit"] == .integer(3) && json["site_count"] == .integer(1))
        #expect(json["activations_left"] == .integer(2))
        #expect(json["expires"] == "2031-01-15 10:30:00")
        let hash = try #require(json["checksum"]?.stringValue)
        let stored = try await database.rows(
            """
            SELECT a.activation_hash, a.is_local::text, s.site_url, l.status, l.activation_count::text
            FROM license_activations a JOIN license_sites s ON s.id = a.site_id JOIN licenses l ON l.id = a.license_id
            WHERE a.license_id = \(license.id)
            """
        )
        #expect(stored == [[hash, "false", site.replacingOccurrences(of: "https://", with: ""), "active", "1"]])
        let check = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(check.string("activation_hash") == hash, "\(check)")
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.activate_site")
        #expect(audit.before?["activation_count"] == .integer(0) && audit.after?["activation_count"] == .integer(1))
        #expect(audit.after?["activated"]?["site_url"] == .string(site.replacingOccurrences(of: "https://", with: "")))
        let auditText = try await database.value(
            "SELECT after::text FROM audit_log WHERE object_type = 'license' AND object_id = \(license.id) ORDER BY id DESC LIMIT 1"
        )
        #expect(auditText?.contains(hash) == false, "the audit log never holds an activation hash")
    }

    @Test("takes site_url too, says Lifetime and unlimited, and lets a local site through without a slot")
    func lifetimeUnlimitedLocal() async throws {
        let (_, license) = try await cli.fluentCartLicense(0, ["--expires", "lifetime"])
        let response = try await activate(license, uniqueSite(), field: "site_url")
        #expect(response.orderedKeys == Self.successKeys, "\(response)")
        #expect(response.string("expires") == "Lifetime")
        #expect(response.string("activations_left") == "unlimited")
        #expect(response.string("customer_name") == "")

        let (_, full) = try await cli.fluentCartLicense(1, [])
        #expect(try await activate(full, uniqueSite()).string("license") == "valid")
        let local = try await activate(full, uniqueSite("https://staging.shop"))
        #expect(local.orderedKeys == Self.successKeys, "\(local)")
        #expect(local.integer("site_count") == 1)
        #expect(
            try await database.value(
                "SELECT is_local::text FROM license_activations WHERE license_id = \(full.id) ORDER BY id DESC LIMIT 1"
            ) == "true"
        )
    }

    @Test("re-activating an active site returns its hash even on a full license, and changes nothing")
    func existing() async throws {
        let (_, license) = try await cli.fluentCartLicense(1, [])
        let site = uniqueSite()
        let first = try await activate(license, site)
        let audits = try await database.licenseAuditCount(of: license.id)
        let again = try await activate(license, site.uppercased())
        #expect(again.orderedKeys == Self.successKeys, "\(again)")
        #expect(again.string("checksum") == first.string("checksum"))
        #expect(again.integer("site_count") == 1 && again.integer("activations_left") == 0)
        #expect(try await database.licenseAuditCount(of: license.id) == audits)
    }

    @Test("fails with FluentCart's codes and our messages, always with 200, and writes nothing")
    func failures() async throws {
        let (_, full) = try await cli.fluentCartLicense(1, [])
        _ = try await activate(full, uniqueSite())
        let tooMany = try await activate(full, uniqueSite())
        expectFailure(tooMany, "no_activations_left", "No activations left for this license.")
        #expect(tooMany.integer("site_count") == 1 && tooMany.integer("activations_left") == 0)

        let missing = try await api.post(full.id, "activate_site", #"{"url":"  / "}"#)
        expectFailure(missing, "missing_url", "Site URL is required.")
        expectFailure(try await api.post(full.id, "activate_site"), "missing_url", "Site URL is required.")

        let (_, expired) = try await cli.fluentCartLicense(3, ["--expires", expiryTimestamp(daysFromNow: -20)])
        expectFailure(try await activate(expired, uniqueSite()), "expired", "The license key is expired.")
        let (_, markedExpired) = try await cli.fluentCartLicense(3, ["--status", "expired"])
        expectFailure(try await activate(markedExpired, uniqueSite()), "expired", "The license key is expired.")
        let (_, disabled) = try await cli.fluentCartLicense(3, ["--status", "disabled"])
        expectFailure(try await activate(disabled, uniqueSite()), "invalid", "The license is not active.")

        for license in [expired, markedExpired, disabled] {
            #expect(
                try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)")
                    == 0
            )
            #expect(try await database.licenseAuditCount(of: license.id) == 1)
        }
    }

    @Test("a license within its grace period still activates")
    func grace() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", expiryTimestamp(daysFromNow: -5)])
        #expect(try await activate(license, uniqueSite()).orderedKeys == Self.successKeys)
    }

    @Test("deactivates by activation_id: the activation goes, the count drops, the shared site stays")
    func deactivatesByActivation() async throws {
        let (product, license) = try await cli.fluentCartLicense(2, [])
        let (otherProduct, other) = try await cli.fluentCartLicense(2, [])
        let site = uniqueSite()
        _ = try await activate(license, site)
        _ = try await client.fluentCart(
            "activate_license",
            ["license_key": other.licenseKey, "item_id": "\(otherProduct.id)", "site_url": site]
        )
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE license_id = \(license.id)"
        )
        let response = try await api.post(license.id, "deactivate_site", #"{"activation_id":\#(activationID)}"#)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedJSON == .object(["message": "Site has been deactivated successfully!"]))
        #expect(try await database.licenseColumns(license.id)[2] == "0")
        #expect(try await database.integer("SELECT count(*) FROM license_activations WHERE id = \(activationID)") == 0)
        let hostname = site.replacingOccurrences(of: "https://", with: "")
        #expect(
            try await database.integer(
                "SELECT count(*) FROM license_sites WHERE site_url = \(Database.literal(hostname))"
            )
                == 1
        )
        let stillThere = try await client.fluentCart(
            "check_license",
            ["license_key": other.licenseKey, "item_id": "\(otherProduct.id)", "site_url": site]
        )
        #expect(stillThere.string("status") == "valid", "the other license keeps the shared site: \(stillThere)")
        let gone = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(gone.string("status") != "valid", "\(gone)")
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.deactivate_site")
        #expect(audit.after?["deactivated"]?["activation_id"] == .integer(Int64(activationID)))
        #expect(audit.before?["activation_count"] == .integer(1) && audit.after?["activation_count"] == .integer(0))
    }

    @Test("deactivates by site_id, given as a form field")
    func deactivatesBySite() async throws {
        let (_, license) = try await cli.fluentCartLicense(2, [])
        let site = uniqueSite()
        _ = try await activate(license, site)
        let siteID = try await database.integer(
            "SELECT site_id FROM license_activations WHERE license_id = \(license.id)"
        )
        let response = try await api.postForm(license.id, "deactivate_site", ["site_id": "\(siteID)"])
        #expect(response.status == 200, "\(response)")
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 0
        )
    }

    @Test("does not promote an inactive license when it frees a site")
    func noPromotion() async throws {
        let (_, license) = try await cli.fluentCartLicense(2, [])
        _ = try await activate(license, uniqueSite())
        _ = try await database.rows("UPDATE licenses SET status = 'inactive' WHERE id = \(license.id)")
        let activationID = try await database.integer(
            "SELECT id FROM license_activations WHERE license_id = \(license.id)"
        )
        _ = try await api.post(license.id, "deactivate_site", #"{"activation_id":\#(activationID)}"#)
        #expect(try await database.licenseColumns(license.id)[0] == "inactive")
    }

    @Test("refuses an unknown activation and another license's activation with an object in message")
    func deactivationRefusals() async throws {
        let (_, license) = try await cli.fluentCartLicense(2, [])
        let (_, other) = try await cli.fluentCartLicense(2, [])
        _ = try await activate(other, uniqueSite())
        let otherActivation = try await database.integer(
            "SELECT id FROM license_activations WHERE license_id = \(other.id)"
        )
        let otherSite = try await database.integer(
            "SELECT site_id FROM license_activations WHERE license_id = \(other.id)"
        )
        let notFound = JSONValue.object(["message": .object(["error": "Activation not found"])])
        for body in [
            #"{"activation_id":9000000000000000000}"#, #"{}"#, #"{"activation_id":"abc"}"#,
            #"{"site_id":\#(otherSite)}"#,
        ] {
            let response = try await api.post(license.id, "deactivate_site", body)
            #expect(response.status == 422, "\(body): \(response)")
            #expect(response.orderedJSON == notFound, "\(body): \(response)")
        }
        let mismatched = try await api.post(license.id, "deactivate_site", #"{"activation_id":\#(otherActivation)}"#)
        #expect(mismatched.status == 422)
        #expect(
            mismatched.orderedJSON == .object(["message": .object(["error": "Activation mismatched"])]),
            "\(mismatched)"
        )
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE id = \(otherActivation)") == 1
        )
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test("answers an unknown license with 404 on both routes")
    func unknown() async throws {
        let id = "\(missingLicenseID)"
        expectNoLicense(try await api.post(missingLicenseID, "activate_site", #"{"url":"example.com"}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "activate_site"), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "deactivate_site", #"{"activation_id":1}"#), id: id)
    }

    @Test("refuses workers and accountants with 403 on both routes", arguments: Role.viewers)
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(2, [])
        expectWriteForbidden(try await activate(license, uniqueSite(), as: role))
        expectWriteForbidden(try await api.post(license.id, "deactivate_site", #"{"activation_id":1}"#, as: role))
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 0
        )
    }
}
