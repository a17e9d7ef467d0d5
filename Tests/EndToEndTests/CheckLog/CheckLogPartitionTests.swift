import Domain
import Foundation
import Logging
import Testing

/// The check log partitioned by UTC day (sql/008): what the migration leaves, where a logged check lands, and a row
/// for a day that has no partition yet.
@Suite("Check-log partitions", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
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
