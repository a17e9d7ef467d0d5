import Domain
import Foundation
import Logging
import Testing

/// `reports.checks_daily` and `checks_daily_by_api` read the rollup `check_log_daily` up to its position plus the
/// newer rows live (sql/008): they must equal a plain count over the log before and after the rollup moves, also
/// for rows written with a past time after the rollup passed that day.
@Suite("Check-log rollup", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogRollupTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    /// Rows in which a report and a count over the log disagree, over the days the log still holds; one statement,
    /// so one snapshot, while other suites log checks.
    func differences() async throws -> Int {
        try await database.integer(
            """
            WITH raw AS (
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, api, result, count(*) AS checks
                FROM license_checks GROUP BY 1, 2, 3
            ), by_api AS (
                SELECT day, api, result, checks FROM reports.checks_daily_by_api
                WHERE day IN (SELECT day FROM raw)
            ), raw_daily AS (
                SELECT day, result, sum(checks)::bigint AS checks FROM raw GROUP BY 1, 2
            ), daily AS (
                SELECT day, result, checks FROM reports.checks_daily WHERE day IN (SELECT day FROM raw)
            )
            SELECT (SELECT count(*) FROM ((TABLE raw EXCEPT TABLE by_api) UNION ALL (TABLE by_api EXCEPT TABLE raw)) a)
                 + (SELECT count(*) FROM ((TABLE raw_daily EXCEPT TABLE daily) UNION ALL (TABLE daily EXCEPT TABLE raw_daily)) d)
            """
        )
    }

    func insert(result: String, daysAgo: Int, count: Int) async throws {
        let moment = "now() - interval '\(daysAgo) days'"
        try await database.createCheckLogPartitions(containing: [moment])
        _ = try await database.rows(
            """
            INSERT INTO license_checks (created_at, result, api)
            SELECT \(moment), \(Database.literal(result)), 'check' FROM generate_series(1, \(count))
            """
        )
    }

    func checks(result: String) async throws -> [String] {
        try await database.rows(
            """
            SELECT (now() AT TIME ZONE 'UTC')::date - day, checks FROM reports.checks_daily
            WHERE result = \(Database.literal(result)) ORDER BY day
            """
        ).map { $0.map { $0 ?? "NULL" }.joined(separator: "|") }
    }

    @Test("checks_daily equals a count over the log before and after a rollup, late rows for past days included")
    func rollupMatchesLog() async throws {
        let result = "E2E-ROLLUP-\(UUID().uuidString.prefix(8))"
        try await insert(result: result, daysAgo: 2, count: 3)
        try await insert(result: result, daysAgo: 1, count: 2)
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
        #expect(try await differences() == 0)
        #expect(try await checks(result: result) == ["2|3", "1|2"])

        let logged = try await database.integer("SELECT max(id) FROM license_checks")
        let rollup = CheckLogRollup(database: Domain.Database(url: Stack.databaseURL, logger: Logger(label: "e2e")))
        var position = 0
        for _ in 0..<20 where position < logged {
            _ = try rollup.run()
            position = try await database.integer("SELECT rolled_up_id FROM check_log_rollup")
            try await Task.sleep(for: .milliseconds(600))
        }
        #expect(position >= logged, "the rollup passed every row logged before it ran")
        #expect(try await differences() == 0)
        #expect(try await checks(result: result) == ["2|3", "1|2"])

        try await insert(result: result, daysAgo: 2, count: 1)
        #expect(try await differences() == 0)
        #expect(try await checks(result: result) == ["2|4", "1|2"])
    }
}
