import Foundation
import Logging
import Testing

@testable import Domain

/// A batch whose commit outcome is unknown (the connection broke after it was sent) is written again; it must log
/// and count each check once, whether the first write committed or not.
@Suite("Check log written again", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogRetryTests {
    let cli = CLI.stack
    let database = Database.stack

    @Test("the same batch written twice logs each check once and moves the counters once")
    func sameBatchTwice() async throws {
        let (product, license) = try await cli.licensedProduct()
        let marker = "e2e-retry-" + UUID().uuidString
        let entries = (0..<3).map { _ in CheckLogEntry.check(license: license, product: product, info: marker) }
        let connection = Domain.Database(url: Stack.databaseURL, logger: Logger(label: "e2e"))
        #expect(CheckLogBatcher.flush(entries, on: connection).allSatisfy { $0 == nil })
        #expect(CheckLogBatcher.flush(entries, on: connection).allSatisfy { $0 == nil })
        #expect(try await database.checks(withInfo: marker).count == 3)
        #expect(try await database.counters(of: license).totalRequests == 3)
    }

    @Test("a batch written again with one new check logs and counts only the new one")
    func batchWithOneNewCheck() async throws {
        let (product, license) = try await cli.licensedProduct()
        let marker = "e2e-retry-" + UUID().uuidString
        let first = (0..<2).map { _ in CheckLogEntry.check(license: license, product: product, info: marker) }
        let connection = Domain.Database(url: Stack.databaseURL, logger: Logger(label: "e2e"))
        #expect(CheckLogBatcher.flush(first, on: connection).allSatisfy { $0 == nil })
        let again = first + [CheckLogEntry.check(license: license, product: product, info: marker)]
        #expect(CheckLogBatcher.flush(again, on: connection).allSatisfy { $0 == nil })
        #expect(try await database.checks(withInfo: marker).count == 3)
        #expect(try await database.counters(of: license).totalRequests == 3)
    }

    @Test("the previous release's insert, without request id and time, still works against the partitioned log")
    func previousReleaseInsert() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await database.rows(
            """
            INSERT INTO license_checks (license_id, product_id, requested_product_ids, ip, user_agent, info, result,
                                        api, site_url, activation_id)
            VALUES (\(license.id), \(product.id), NULL, '127.0.0.1', 'old-node', '', 'AUTHORISED', 'check', NULL, NULL)
            """
        )
        let rows = try await database.rows(
            "SELECT request_id IS NOT NULL, created_at > now() - interval '1 minute' FROM license_checks "
                + "WHERE license_id = \(license.id)"
        )
        #expect(rows == [["t", "t"]])
    }
}
