import Domain
import Foundation
import Testing

@Suite("Admin DELETE licensing/licenses/{id}/delete", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseDeleteTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("removes the license and its activations; sites stay, check-log rows stay without a license")
    func deletes() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        let site = uniqueSite()
        let activation = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(activation.status == 200, "\(activation)")
        let logged = try await database.integer("SELECT count(*) FROM license_checks WHERE license_id = \(license.id)")
        #expect(logged >= 1, "the activation is in the check log")
        let siteID = try await database.integer(
            "SELECT site_id FROM license_activations WHERE license_id = \(license.id)"
        )

        let response = try await api.delete(license.id)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedJSON == .object(["message": "License deleted successfully!"]))
        #expect(try await database.integer("SELECT count(*) FROM licenses WHERE id = \(license.id)") == 0)
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 0
        )
        #expect(try await database.integer("SELECT count(*) FROM license_sites WHERE id = \(siteID)") == 1)
        #expect(
            try await database.integer(
                "SELECT count(*) FROM license_checks WHERE license_id IS NULL AND product_id = \(product.id)"
            ) == logged
        )
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.delete")
        #expect(audit.after == nil)
        #expect(audit.before?["license_key"] == .string("…" + license.licenseKey.suffix(4)))
        #expect(audit.before?["activations"]?[0]?["site_id"] == .integer(Int64(siteID)))

        let check = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(check.string("error_type") == "invalid_license", "\(check)")
        expectNoLicense(try await api.delete(license.id), id: "\(license.id)")
        #expect(try await api.get("licensing/licenses/\(license.id)").status == 404)
    }

    @Test("answers an unknown id with 404")
    func unknown() async throws {
        expectNoLicense(try await api.delete(missingLicenseID), id: "\(missingLicenseID)")
    }

    @Test("is allowed to every role with licenses/delete", arguments: Role.staff)
    func allowed(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        #expect(try await api.delete(license.id, as: role).status == 200)
    }

    @Test(
        "refuses workers, accountants and customers with 403 and keeps the license",
        arguments: Role.viewers + ["customer"]
    )
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        expectWriteForbidden(try await api.delete(license.id, as: role))
        #expect(try await database.integer("SELECT count(*) FROM licenses WHERE id = \(license.id)") == 1)
    }

    @Test("answers POST on the delete route with rest_no_route")
    func wrongMethod() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let response = try await api.post(license.id, "delete")
        #expect(response.status == 404 && response.string("code") == "rest_no_route", "\(response)")
    }
}
