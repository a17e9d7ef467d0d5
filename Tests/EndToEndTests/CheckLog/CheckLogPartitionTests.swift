import Foundation
import Logging
import Testing

@testable import Domain

/// The check log partitioned by UTC day (sql/008): what the migration leaves, where a logged check lands, a row for
/// a day that has no partition yet, and a partition made behind a long transaction. `.serialized`: that last test
/// holds a lock on `licenses` that would make the partition of the one before it give up.
@Suite("Check-log partitions", .serialized, .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogPartitionTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// The names of the log's attached partitions.
    func partitions() async throws -> Set<String> {
        Set(
            try await database.rows(
                """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'license_checks'::regclass
                """
            ).compactMap { $0.first ?? nil }
        )
    }

    /// Today in UTC, by the database's clock.
    func today() async throws -> CheckLogPartitions.Day {
        let text = try await database.value("SELECT (now() AT TIME ZONE 'UTC')::date")
        return try #require(text.flatMap(CheckLogPartitions.Day.init))
    }

    @Test("after migrate, today and the next 7 days have their partitions, and no default partition exists")
    func partitionsAhead() async throws {
        let today = try await today()
        let expected = CheckLogPartitions.daysToCreate(today: today).map(CheckLogPartitions.name(of:))
        #expect(expected.count == 8)
        #expect(Set(expected).isSubset(of: try await partitions()))
        let defaults = try await database.integer(
            """
            SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'license_checks'::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'
            """
        )
        #expect(defaults == 0)
    }

    @Test("a logged check lands in today's partition, with a request id and the time it was answered")
    func checkLandsToday() async throws {
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
        let rows = try await database.rows(
            """
            SELECT tableoid::regclass::text, request_id IS NOT NULL, abs(extract(epoch FROM now() - created_at)) < 60
            FROM license_checks WHERE license_id = \(license.id)
            """
        )
        let partition = CheckLogPartitions.name(of: try await today())
        #expect(rows == [[partition, "t", "t"]])
    }

    @Test("a check for a day without its partition creates the partition and is logged")
    func missingPartition() async throws {
        let (product, license) = try await cli.licensedProduct()
        let day = try await today().adding(days: 40)
        #expect(!(try await partitions()).contains(CheckLogPartitions.name(of: day)))
        var entry = CheckLogEntry.check(license: license, product: product, info: "e2e-missing-day")
        entry.createdAt = day.start.addingTimeInterval(3_600)
        let database = Domain.Database(url: Stack.databaseURL, logger: Logger(label: "e2e"))
        try CheckLogBatcher().write(entry, on: database)
        let rows = try await self.database.rows(
            "SELECT tableoid::regclass::text FROM license_checks WHERE license_id = \(license.id)"
        )
        #expect(rows == [[CheckLogPartitions.name(of: day)]])
        #expect(try await self.database.counters(of: license).totalRequests == 1)
    }

    /// Attaching a day clones the log's foreign key, which needs SHARE ROW EXCLUSIVE on `licenses`. Behind a long
    /// transaction that writes licenses, each try must give up after 100 ms rather than queue and hold up the
    /// checks queued behind it, and a later try succeeds once the transaction ends.
    @Test("a partition made behind a long transaction tries in 100 ms steps while checks go on, and is made after it")
    func behindLongTransaction() async throws {
        let (product, license) = try await cli.licensedProduct()
        let (_, blocker) = try await cli.licensedProduct()
        let day = try await today().adding(days: 61)
        let holder = try PostgresConnection(url: Stack.databaseURL)
        try holder.execute(script: "BEGIN; UPDATE licenses SET updated_at = updated_at WHERE id = \(blocker.id)")
        // Ended by the clock, never by the checks (a check held up must not keep the lock held), before the last of
        // the 5 tries a second apart.
        let release = Task.detached {
            try await Task.sleep(for: .milliseconds(3_500))
            try holder.execute(script: "ROLLBACK")
        }
        let maintenance = Task.detached { () -> Result<Bool, any Error> in
            Result {
                let connection = try PostgresConnection(url: Stack.databaseURL)
                try connection.execute(script: "SET lock_timeout = '\(CheckLogPartitions.lockTimeout)'")
                return try CheckLogPartitions.retryingLockTimeouts {
                    try CheckLogPartitions.create(day, on: connection)
                }
            }
        }
        // Checks go on meanwhile; what must never be seen is one of our server's statements queued for the lock on
        // `licenses` or the log behind the partition's lock request for long: each try gives up after 100 ms.
        let longestQueued = Task.detached { () -> Double in
            var longest = 0.0
            let end = ContinuousClock.now + .milliseconds(3_800)
            while ContinuousClock.now < end {
                let seconds = try await Database.stack.value(Self.longestQueuedStatement).flatMap(Double.init) ?? 0
                longest = max(longest, seconds)
                try await Task.sleep(for: .milliseconds(100))
            }
            return longest
        }
        for _ in 0..<12 {
            expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
            try await Task.sleep(for: .milliseconds(250))
        }
        try await release.value
        #expect(try await maintenance.value.get(), "made on a try after the transaction ended")
        // Queued behind a lock request that waits for the transaction, a statement would wait until it ends (3.5 s).
        let queued = try await longestQueued.value
        #expect(queued < 1, "no check waited behind the partition's lock requests: longest wait \(queued) s")
        #expect(try await partitions().contains(CheckLogPartitions.name(of: day)))
        #expect(try await database.counters(of: license).totalRequests == 12)
    }
}

extension CheckLogPartitionTests {
    /// The longest time, in seconds, that a statement of our workers has been waiting for a lock on `licenses` or on
    /// the check log (row locks of other tests' transactions are not relation locks and do not count).
    static let longestQueuedStatement = """
        SELECT coalesce(max(extract(epoch FROM now() - a.query_start)), 0)
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND l.locktype = 'relation' AND a.application_name = 'license-fcgi'
          AND l.relation IN ('licenses'::regclass, 'license_checks'::regclass)
        """
}

extension CheckLogEntry {
    /// A FaxStore check of `license`, as the check path makes it (logged, moving the counters).
    static func check(license: License, product: Product, info: String) -> CheckLogEntry {
        var entry = CheckLogEntry(
            action: "check",
            client: PublicClient(ip: IPAddress("127.0.0.1"), userAgent: "e2e"),
            licenseID: license.id,
            productID: product.id,
            siteURL: nil,
            activationID: nil,
            result: "AUTHORISED"
        )
        entry.info = info
        entry.movesCounters = true
        return entry
    }
}
