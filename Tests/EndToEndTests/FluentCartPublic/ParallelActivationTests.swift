import Foundation
import Testing

/// Workers are separate processes: only the database can hold a limit across them (fluentcart.md §2.2).
@Suite(
    "FluentCart activation limits under parallel requests",
    .enabled(if: Stack.isConfigured, "set by scripts/test.sh")
)
struct ParallelActivationTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    static let rounds = 4
    static let simultaneous = 50

    @Test("fifty simultaneous activations of distinct sites on a limit-5 license: exactly 5 succeed, every time")
    func limitHolds() async throws {
        for round in 1...Self.rounds {
            let (product, license) = try await cli.fluentCartLicense(limit: 5)
            let answers = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<Self.simultaneous {
                    group.addTask {
                        try await client.fluentCart(
                            "activate_license",
                            ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": uniqueSite()]
                        )
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let successes = answers.filter { $0.status == 200 && $0.string("status") == "valid" }
            let refusals = answers.filter { $0.status == 422 && $0.string("error_type") == "activation_limit_exceeded" }
            #expect(successes.count == 5, "round \(round): \(answers.map(\.status))")
            #expect(refusals.count == Self.simultaneous - 5, "round \(round)")
            #expect(Set(successes.compactMap { $0.string("activation_hash") }).count == 5)
            let stored = try await database.rows(
                """
                SELECT l.activation_count::text,
                       (SELECT count(*) FROM license_activations a WHERE a.license_id = l.id AND NOT a.is_local)::text
                FROM licenses l WHERE l.id = \(license.id)
                """
            )
            #expect(stored == [["5", "5"]], "round \(round)")
        }
    }

    @Test("parallel activate/deactivate churn leaves the stored count equal to the counted activations")
    func churnKeepsCount() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 3)
        let sites = (0..<6).map { _ in uniqueSite() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                let site = sites[index % sites.count]
                let action = index % 3 == 2 ? "deactivate_license" : "activate_license"
                group.addTask {
                    let response = try await client.fluentCart(
                        action,
                        ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
                    )
                    // Every answer is one of the protocol's own: never a 5xx.
                    #expect([200, 422].contains(response.status), "\(action): \(response)")
                }
            }
            try await group.waitForAll()
        }
        let stored = try await database.rows(
            """
            SELECT l.activation_count,
                   (SELECT count(*) FROM license_activations a
                    WHERE a.license_id = l.id AND a.status = 'active' AND NOT a.is_local)
            FROM licenses l WHERE l.id = \(license.id)
            """
        )
        let row = try #require(stored.first)
        #expect(row[0] == row[1])
        #expect((Int(row[0] ?? "") ?? 99) <= 3)
    }

    @Test("parallel activations of one site by one license make one activation and one hash")
    func sameSiteOnce() async throws {
        let (product, license) = try await cli.fluentCartLicense(limit: 2)
        let site = uniqueSite()
        let answers = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await client.fluentCart(
                        "activate_license",
                        ["license_key": license.licenseKey, "item_id": "\(product.id)", "site_url": site]
                    )
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0.status == 200 })
        #expect(Set(answers.compactMap { $0.string("activation_hash") }).count == 1)
        #expect(
            try await database.integer("SELECT count(*) FROM license_activations WHERE license_id = \(license.id)") == 1
        )
    }
}
