import Domain
import Foundation
import Testing

/// Admin activations take the same license row lock as public ones, so the limit holds across workers, and across
/// the two APIs (fluentcart.md §2.2, §13.2).
@Suite("Admin activate_site under parallel requests", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct AdminLicenseParallelTests {
    let cli = CLI.stack
    let api = AdminLicenseAPI()
    let client = HTTPSClient.main
    let database = Database.stack

    static let simultaneous = 30

    @Test("thirty simultaneous admin activations of distinct sites on a limit-3 license: exactly 3 succeed")
    func limitHolds() async throws {
        let (_, license) = try await cli.fluentCartLicense(limit: 3)
        _ = try await RoleUsers.shared.user("manager")
        let answers = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<Self.simultaneous {
                group.addTask { try await api.post(license.id, "activate_site", #"{"url":"\#(uniqueSite())"}"#) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 200 }, "\(answers.map(\.status))")
        let successes = answers.filter { $0.json?["success"] as? Bool == true }
        let refusals = answers.filter { $0.string("license") == "no_activations_left" }
        #expect(successes.count == 3, "\(answers.map { $0.string("license") ?? "?" })")
        #expect(refusals.count == Self.simultaneous - 3)
        #expect(Set(successes.compactMap { $0.string("checksum") }).count == 3)
        let stored = try await database.rows(
            """
            SELECT l.activation_count::text,
                   (SELECT count(*) FROM license_activations a WHERE a.license_id = l.id AND NOT a.is_local)::text
            FROM licenses l WHERE l.id = \(license.id)
            """
        )
        #expect(stored == [["3", "3"]])
        #expect(try await database.licenseAuditCount(of: license.id) == 1 + 3)
    }

    @Test("admin and public activations racing for one license share the limit")
    func mixedWithPublic() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 2)
        _ = try await RoleUsers.shared.user("manager")
        let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    if index % 2 == 0 {
                        let response = try await api.post(
                            license.id,
                            "activate_site",
                            #"{"url":"\#(uniqueSite())"}"#
                        )
                        return response.json?["success"] as? Bool == true
                    }
                    let response = try await client.fluentCart(
                        "activate_license",
                        ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
                    )
                    return response.status == 200
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.filter { $0 }.count == 2)
        #expect(try await database.licenseColumns(license.id)[2] == "2")
    }
}
