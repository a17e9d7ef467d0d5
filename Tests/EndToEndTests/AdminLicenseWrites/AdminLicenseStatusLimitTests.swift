import Domain
import Foundation
import Testing

@Suite("Admin update_status and update_limit", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseStatusLimitTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("disabling records the staff reason; the public check then answers invalid")
    func disables() async throws {
        let (product, license) = try await cli.fluentCartLicense()
        let site = uniqueSite()
        _ = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        let response = try await api.post(license.id, "update_status", #"{"status":"disabled"}"#)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["license", "message"])
        #expect(response.licenseKeys == adminLicenseKeys)
        #expect(response.string("message") == "License status has been updated successfully!")
        #expect(response.orderedJSON?["license"]?["status"] == "disabled")
        #expect(response.orderedJSON?["license"]?["config"] == .object(["reason": "Disabled by staff"]))
        let row = try await database.licenseColumns(license.id)
        #expect(row[0] == "disabled" && row[4] == #"{"reason": "Disabled by staff"}"#)
        let check = try await client.fluentCart(
            "check_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
        )
        #expect(check.string("status") == "invalid", "\(check)")
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.update_status")
        #expect(audit.before?["status"] == "active" && audit.after?["status"] == "disabled")
    }

    @Test("activating clears the reason and keeps the rest of the config; the empty config shows as []")
    func activates() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--status", "disabled"])
        _ = try await database.rows(
            "UPDATE licenses SET config = '{\"reason\":\"Refunded\"}' WHERE id = \(license.id)"
        )
        let response = try await api.postForm(license.id, "update_status", ["status": "active"])
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedJSON?["license"]?["status"] == "active")
        #expect(response.orderedJSON?["license"]?["config"] == .array([]))
        #expect(try await database.licenseColumns(license.id)[4] == "{}")
    }

    @Test("expiring keeps the recorded reason")
    func expires() async throws {
        let (_, license) = try await cli.fluentCartLicense()
        _ = try await database.rows("UPDATE licenses SET config = '{\"reason\":\"Refunded\"}' WHERE id = \(license.id)")
        let response = try await api.post(license.id, "update_status", #"{"status":"expired"}"#)
        #expect(response.orderedJSON?["license"]?["status"] == "expired", "\(response)")
        #expect(try await database.licenseColumns(license.id)[4] == #"{"reason": "Refunded"}"#)
    }

    @Test(
        "refuses any other status with 423, inactive included, and changes nothing",
        arguments: [
            #"{"status":"inactive"}"#, #"{"status":"Active"}"#, #"{"status":"paused"}"#, #"{"status":1}"#, #"{}"#,
            #"{"status":["active"]}"#,
        ]
    )
    func refusesStatus(body: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let before = try await database.licenseColumns(license.id)
        expectMessageBody(try await api.post(license.id, "update_status", body), 423, "Invalid status!")
        #expect(try await database.licenseColumns(license.id) == before)
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test(
        "sets the limit; unlimited and 0 both store 0",
        arguments: [
            (#"{"limit":5}"#, "5"), (#"{"limit":"12"}"#, "12"), (#"{"limit":"unlimited"}"#, "0"),
            (#"{"limit":0}"#, "0"),
        ]
    )
    func setsLimit(body: String, stored: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        let response = try await api.post(license.id, "update_limit", body)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["license", "message"])
        #expect(response.string("message") == "License limit has been updated successfully!")
        #expect(response.orderedJSON?["license"]?["limit"] == .integer(Int64(stored)!))
        #expect(try await database.licenseColumns(license.id)[1] == stored)
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.update_limit")
        #expect(audit.before?["limit"] == .integer(3) && audit.after?["limit"] == .integer(Int64(stored)!))
    }

    @Test("a limit below the count keeps the activations and refuses new ones")
    func belowCount() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        for _ in 0..<2 {
            _ = try await client.fluentCart(
                "activate_license",
                ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
            )
        }
        #expect(try await api.post(license.id, "update_limit", #"{"limit":1}"#).status == 200)
        #expect(try await database.licenseColumns(license.id)[2] == "2")
        let refused = try await client.fluentCart(
            "activate_license",
            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
        )
        #expect(refused.string("error_type") == "activation_limit_exceeded", "\(refused)")
    }

    @Test(
        "refuses any other limit with 423 and changes nothing",
        arguments: [
            #"{"limit":-1}"#, #"{"limit":"2.5"}"#, #"{"limit":2.5}"#, #"{"limit":"lots"}"#, #"{}"#, #"{"limit":null}"#,
            #"{"limit":true}"#, #"{"limit":"99999999999999999999"}"#,
        ]
    )
    func refusesLimit(body: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        expectMessageBody(try await api.post(license.id, "update_limit", body), 423, "Invalid limit!")
        #expect(try await database.licenseColumns(license.id)[1] == "3")
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test("answers an unknown id with 404 before looking at the body")
    func unknown() async throws {
        let id = "\(missingLicenseID)"
        expectNoLicense(try await api.post(missingLicenseID, "update_status", #"{"status":"active"}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "update_status", #"{"status":"nope"}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "update_limit", #"{"limit":2}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "update_limit", #"{"limit":-2}"#), id: id)
    }

    @Test("refuses workers and accountants with 403", arguments: Role.viewers)
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        expectWriteForbidden(try await api.post(license.id, "update_status", #"{"status":"disabled"}"#, as: role))
        expectWriteForbidden(try await api.post(license.id, "update_limit", #"{"limit":9}"#, as: role))
        #expect(try await database.licenseColumns(license.id)[0] == "inactive")
        #expect(try await database.licenseColumns(license.id)[1] == "3")
    }

    @Test("lets super admins and administrators change status and limit", arguments: ["super_admin", "administrator"])
    func allowed(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense()
        #expect(try await api.post(license.id, "update_status", #"{"status":"expired"}"#, as: role).status == 200)
        #expect(try await api.post(license.id, "update_limit", #"{"limit":7}"#, as: role).status == 200)
    }
}
