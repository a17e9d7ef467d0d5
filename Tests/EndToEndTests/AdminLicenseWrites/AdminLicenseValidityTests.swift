import Domain
import Foundation
import Testing

@Suite("Admin extend-validity", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseValidityTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let database = Database.stack

    func extend(_ license: License, _ body: String) async throws -> HTTPResponse {
        try await api.post(license.id, "extend-validity", body)
    }

    @Test("sets a later date and says extended, with the license and message in order")
    func extends() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01"])
        let response = try await extend(license, #"{"expiration_date":"2031-06-30 12:00:00"}"#)
        #expect(response.status == 200, "\(response)")
        #expect(response.orderedKeys == ["license", "message"])
        #expect(response.licenseKeys == adminLicenseKeys)
        #expect(response.string("message") == "License validity extended!")
        #expect(response.orderedJSON?["license"]?["expiration_date"] == "2031-06-30 12:00:00")
        #expect(try await database.licenseColumns(license.id)[3] == "2031-06-30 12:00:00")
    }

    @Test(
        "reads each accepted date form",
        arguments: [
            ("2031-06-30", "2031-06-30 00:00:00"), ("2031-06-30T12:00:00Z", "2031-06-30 12:00:00"),
            ("2031-06-30T14:00:00+02:00", "2031-06-30 12:00:00"), ("2031-06-30T12:00:00", "2031-06-30 12:00:00"),
        ]
    )
    func forms(text: String, stored: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01"])
        let response = try await extend(license, #"{"expiration_date":"\#(text)"}"#)
        #expect(response.status == 200, "\(response)")
        #expect(try await database.licenseColumns(license.id)[3] == stored)
    }

    @Test("says reduced for an earlier date or any date after lifetime, compared as dates")
    func reduced() async throws {
        let (_, dated) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01 10:00:00"])
        // Later as text, earlier as a date: 2030-01-01 13:00 at +05:00 is 08:00 UTC.
        let earlier = try await extend(dated, #"{"expiration_date":"2030-01-01T13:00:00+05:00"}"#)
        #expect(earlier.string("message") == "License validity reduced!", "\(earlier)")
        let (_, lifetime) = try await cli.fluentCartLicense(3, ["--expires", "lifetime"])
        let fromLifetime = try await extend(lifetime, #"{"expiration_date":"2099-01-01"}"#)
        #expect(fromLifetime.string("message") == "License validity reduced!", "\(fromLifetime)")
    }

    @Test("says extended when nothing changes")
    func unchanged() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01 10:00:00"])
        let response = try await extend(license, #"{"expiration_date":"2030-01-01 10:00:00"}"#)
        #expect(response.string("message") == "License validity extended!", "\(response)")
    }

    @Test("marks a license lifetime, stored as NULL")
    func lifetime() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01"])
        let response = try await extend(license, #"{"expiration_date":"lifetime"}"#)
        #expect(response.string("message") == "Marked license as lifetime!", "\(response)")
        #expect(response.orderedJSON?["license"]?["expiration_date"] == .null)
        #expect(try await database.licenseColumns(license.id)[3] == nil)
    }

    @Test("adds days to the later of the expiry and now, and keeps lifetime licenses lifetime")
    func days() async throws {
        let (_, future) = try await cli.fluentCartLicense(3, ["--expires", "2040-03-01 08:00:00"])
        let added = try await extend(future, #"{"days":10}"#)
        #expect(added.string("message") == "License validity extended!", "\(added)")
        #expect(try await database.licenseColumns(future.id)[3] == "2040-03-11 08:00:00")

        let (_, past) = try await cli.fluentCartLicense(3, ["--expires", "2020-01-01"])
        let fromNow = try await api.postForm(past.id, "extend-validity", ["days": "30"])
        #expect(fromNow.status == 200, "\(fromNow)")
        let seconds = try await database.integer(
            "SELECT extract(epoch FROM expiration_date - now())::bigint FROM licenses WHERE id = \(past.id)"
        )
        #expect(abs(seconds - 30 * 86_400) < 120, "\(seconds) s from now")

        let (_, lifetime) = try await cli.fluentCartLicense(3, ["--expires", "lifetime"])
        let kept = try await extend(lifetime, #"{"days":30}"#)
        #expect(kept.status == 200, "\(kept)")
        #expect(try await database.licenseColumns(lifetime.id)[3] == nil)
    }

    @Test(
        "makes expired and disabled licenses active again and clears the reason; inactive stays inactive",
        arguments: [("expired", "active"), ("disabled", "active"), ("inactive", "inactive"), ("active", "active")]
    )
    func reactivates(from: String, to: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--status", from, "--expires", "2020-01-01"])
        _ = try await database.rows(
            "UPDATE licenses SET config = '{\"reason\":\"Disabled by staff\",\"prev_order_ids\":[1]}' WHERE id = \(license.id)"
        )
        let response = try await extend(license, #"{"expiration_date":"2035-01-01"}"#)
        #expect(response.orderedJSON?["license"]?["status"] == .string(to), "\(response)")
        let row = try await database.licenseColumns(license.id)
        #expect(row[0] == to)
        if from == "expired" || from == "disabled" {
            #expect(row[4] == #"{"prev_order_ids": [1]}"#)
        }
    }

    @Test(
        "refuses unusable input with 423 and changes nothing",
        arguments: [
            #"{}"#, #"{"expiration_date":"next year"}"#, #"{"expiration_date":"2031-02-30"}"#,
            #"{"expiration_date":""}"#, #"{"expiration_date":20310101}"#, #"{"days":0}"#, #"{"days":-3}"#,
            #"{"days":"1.5"}"#, #"{"days":99999999999999}"#, #"{"expiration_date":null,"days":"x"}"#,
            #"{"expiration_date":"9999-12-31T23:00:00-05:00"}"#,
        ]
    )
    func refuses(body: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01"])
        let before = try await database.licenseColumns(license.id)
        expectMessageBody(try await extend(license, body), 423, "Invalid expiration date!")
        #expect(try await database.licenseColumns(license.id) == before)
        #expect(try await database.licenseAuditCount(of: license.id) == 1)
    }

    @Test("refuses days that would pass year 9999 with 423")
    func pastYear9999() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "9999-12-01"])
        expectMessageBody(try await extend(license, #"{"days":60}"#), 423, "Invalid expiration date!")
    }

    @Test("records before and after in the audit log")
    func audited() async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01", "--status", "expired"])
        _ = try await extend(license, #"{"expiration_date":"2032-01-01"}"#)
        let audit = try await database.lastLicenseAudit(of: license.id)
        #expect(audit.action == "license.extend_validity")
        #expect(audit.before?["expiration_date"] == "2030-01-01 00:00:00")
        #expect(audit.before?["status"] == "expired")
        #expect(audit.after?["expiration_date"] == "2032-01-01 00:00:00")
        #expect(audit.after?["status"] == "active")
    }

    @Test("answers an unknown id with 404 before looking at the body")
    func unknown() async throws {
        let id = "\(missingLicenseID)"
        expectNoLicense(try await api.post(missingLicenseID, "extend-validity", #"{"days":3}"#), id: id)
        expectNoLicense(try await api.post(missingLicenseID, "extend-validity", #"{"days":"bad"}"#), id: id)
    }

    @Test("refuses workers and accountants with 403", arguments: Role.viewers)
    func forbidden(role: String) async throws {
        let (_, license) = try await cli.fluentCartLicense(3, ["--expires", "2030-01-01"])
        expectWriteForbidden(try await api.post(license.id, "extend-validity", #"{"days":3}"#, as: role))
        #expect(try await database.licenseColumns(license.id)[3] == "2030-01-01 00:00:00")
    }
}

extension CLI {
    /// `fluentCartLicense(limit:_:)` with the limit first, for brevity.
    func fluentCartLicense(_ limit: Int, _ options: [String]) async throws -> (Product, License) {
        try await fluentCartLicense(limit: limit, options)
    }
}
