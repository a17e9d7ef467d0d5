import Foundation
import Logging
import Testing

@testable import Domain

/// Attaching a day clones the log's foreign key, which needs SHARE ROW EXCLUSIVE on `licenses`. Behind a long
/// transaction that writes licenses, the request must give up quickly (and be tried later) rather than queue and
/// hold up the checks queued behind it.
@Suite("Check-log partitions behind a long transaction", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogLockTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test(
        "creating a day gives up after its short lock timeouts while checks go on, and succeeds once the lock is free"
    )
    func givesUpBehindLongTransaction() async throws {
        let (product, license) = try await cli.licensedProduct()
        let (_, blocker) = try await cli.licensedProduct()
        let day = CheckLogPartitions.Day(Date()).adding(days: 61)
        let holder = try PostgresConnection(url: Stack.databaseURL)
        try holder.execute(script: "BEGIN; UPDATE licenses SET updated_at = updated_at WHERE id = \(blocker.id)")
        let maintenance = Task.detached { () -> (any Error)? in
            do {
                let connection = try PostgresConnection(url: Stack.databaseURL)
                try connection.execute(script: "SET lock_timeout = '\(CheckLogPartitions.lockTimeout)'")
                try CheckLogPartitions.retryingLockTimeouts { try CheckLogPartitions.create(day, on: connection) }
                return nil
            } catch {
                return error
            }
        }
        var slowest: Duration = .zero
        let clock = ContinuousClock()
        for _ in 0..<10 {
            let started = clock.now
            expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
            slowest = max(slowest, clock.now - started)
            try await Task.sleep(for: .milliseconds(300))
        }
        let error = await maintenance.value
        #expect((error as? PostgresError)?.code == .lockNotAvailable)
        #expect(slowest < .seconds(1), "no check waited behind the partition's lock request")
        try holder.execute(script: "ROLLBACK")
        let connection = try PostgresConnection(url: Stack.databaseURL)
        #expect(try CheckLogPartitions.create(day, on: connection))
        #expect(try await database.counters(of: license).totalRequests == 10)
    }
}
