import Domain
import Foundation
import Testing

@Suite("Admin update_ip", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseIPTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("sets the address and the lock, in canonical form")
    func sets() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await api.post(license.id, "update_ip", #"{"ip":"::ffff:203.0.113.9","ip_lock":true}"#)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["license", "message"])
        #expect(response.licenseKeys == adminLicenseKeys)
        #expect(response.string("message") == "License IP has been updated successfully!")
        #expect(response.orderedJSON?["license"]?["ip"] == "203.0.113.9")
        #expect(response.orderedJSON?["license"]?["ip_lock"] == true)
        let row = try await database.licenseColumns(license.id)
        #expect(row[5] == "203.0.113.9" && row[6] == "true")
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.update_ip")
        #expect(audit.before?["ip"] == .null && audit.after?["ip"] == "203.0.113.9")
    }

    @Test("the FaxStore check then passes only from that address")
    func lockApplies() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "active"])
        _ = try await api.post(license.id, "update_ip", #"{"ip":"198.51.100.77","ip_lock":"on"}"#)
        let refused = try await client.check(product, key: license.licenseKey)
        #expect(refused.decision?.status == "NOT AUTHORISED", "\(refused)")
        _ = try await api.post(license.id, "update_ip", #"{"ip_lock":false}"#)
        let passed = try await client.check(product, key: license.licenseKey)
        #expect(passed.decision?.status == "AUTHORISED", "\(passed)")
    }

    @Test("keeps the lock when ip_lock is omitted, and the address when ip is omitted")
    func omitted() async throws {
        let (_, license) = try await cli.licensedProduct(["--ip", "203.0.113.5"])
        #expect(try await database.licenseColumns(license.id)[6] == "true")
        _ = try await api.postForm(license.id, "update_ip", ["ip": "2001:db8::5"])
        #expect(try await database.licenseColumns(license.id)[5...6] == ["2001:db8::5", "true"])
        _ = try await api.post(license.id, "update_ip", #"{"ip_lock":"no"}"#)
        #expect(try await database.licenseColumns(license.id)[5...6] == ["2001:db8::5", "false"])
    }

    @Test("clearing the address with null or empty text turns the lock off", arguments: [#"null"#, #""""#])
    func clears(value: String) async throws {
        let (_, license) = try await cli.licensedProduct(["--ip", "203.0.113.5"])
        let response = try await api.post(license.id, "update_ip", #"{"ip":\#(value),"ip_lock":true}"#)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedJSON?["license"]?["ip"] == .null)
        #expect(try await database.licenseColumns(license.id)[5...6] == [nil, "false"])
    }

    @Test(
        "refuses a bad address with 422 and changes nothing",
        arguments: [#"{"ip":"300.1.1.1"}"#, #"{"ip":"203.0.113.0/24"}"#, #"{"ip":"localhost"}"#, #"{"ip":12345}"#]
    )
    func badAddress(body: String) async throws {
        let (_, license) = try await cli.licensedProduct(["--ip", "203.0.113.5"])
        expectMessageBody(try await api.post(license.id, "update_ip", body), 422, "Invalid IP address!")
        #expect(try await database.licenseColumns(license.id)[5...6] == ["203.0.113.5", "true"])
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test("refuses a lock that is not a boolean with a 422 field map")
    func badLock() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await api.post(license.id, "update_ip", #"{"ip":"203.0.113.5","ip_lock":"maybe"}"#)
        #expect(response.status == 422)
        #expect(
            response.orderedJSON
                == .object(["ip_lock": .object(["boolean": "The ip_lock field must be true or false."])]),
            "\(response)"
        )
        #expect(try await database.licenseColumns(license.id)[5] == nil)
    }

    @Test("answers an unknown id with 404, even with a bad address")
    func unknown() async throws {
        let id = "\(missingLicenseID)"
        expectNoLicense(try await api.post(missingLicenseID, "update_ip", #"{"ip":"203.0.113.5"}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "update_ip", #"{"ip":"bad"}"#), id: id)
    }

    @Test("refuses workers and accountants with 403", arguments: Role.viewers)
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.licensedProduct()
        expectWriteForbidden(try await api.post(license.id, "update_ip", #"{"ip":"203.0.113.5"}"#, as: role))
        #expect(try await database.licenseColumns(license.id)[5] == nil)
    }
}
