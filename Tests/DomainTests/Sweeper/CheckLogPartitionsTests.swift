import Foundation
import Testing

@testable import Domain

@Suite("Check-log partition rules")
struct CheckLogPartitionsTests {
    typealias Day = CheckLogPartitions.Day

    func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test("a day is the UTC calendar day, whatever the hour")
    func utcDay() throws {
        #expect(Day(try date("2026-11-30T00:00:00Z")).description == "2026-11-30")
        #expect(Day(try date("2026-11-30T23:59:59Z")).description == "2026-11-30")
        #expect(Day(try date("2026-11-30T23:59:59+01:00")).description == "2026-11-30")
        #expect(Day(try date("2026-12-01T00:30:00+01:00")).description == "2026-11-30")
        #expect(Day(try date("1969-12-31T23:00:00Z")).description == "1969-12-31")
        #expect(Day(try date("2026-11-30T12:00:00Z")).start == (try date("2026-11-30T00:00:00Z")))
    }

    @Test("a partition is named license_checks_pYYYYMMDD, and the name gives its day back")
    func naming() throws {
        let day = try #require(Day("2026-03-07"))
        #expect(CheckLogPartitions.name(of: day) == "license_checks_p20260307")
        #expect(CheckLogPartitions.day(ofPartition: "license_checks_p20260307") == day)
        #expect(CheckLogPartitions.day(ofPartition: "license_checks_p20240229") == Day("2024-02-29"))
    }

    @Test(
        "other tables are no partition",
        arguments: [
            "license_checks", "license_checks_p2026030", "license_checks_p202603071", "license_checks_p20261301",
            "license_checks_p20230229", "license_checks_p2026-3-7", "license_checks_unpartitioned",
            "licenses_p20260307",
            "license_checks_p２０２６０３０７",
        ]
    )
    func notPartitions(name: String) {
        #expect(CheckLogPartitions.day(ofPartition: name) == nil)
    }

    @Test("today and the next 7 days get their partitions, across a month's end")
    func daysAhead() throws {
        let today = try #require(Day("2026-11-28"))
        let days = CheckLogPartitions.daysToCreate(today: today).map(\.description)
        #expect(
            days == [
                "2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04",
                "2026-12-05",
            ]
        )
    }

    @Test("a day is dropped once all of it lies more than the retention in the past; 0 keeps every day")
    func retention() throws {
        let today = try #require(Day("2026-11-30"))
        let oldest = try #require(CheckLogPartitions.oldestKept(today: today, retentionDays: 90))
        #expect(oldest.description == "2026-09-01")
        // A row of 2026-08-31 23:59 is older than now - 90 days from the first second of 2026-11-30 on.
        #expect(try #require(Day("2026-08-31")) < oldest)
        #expect(CheckLogPartitions.oldestKept(today: today, retentionDays: 0) == nil)
        #expect(CheckLogPartitions.oldestKept(today: today, retentionDays: 1)?.description == "2026-11-29")
    }

    @Test("an insert for a day without a partition is told from other CHECK failures")
    func missingPartition() {
        let missing = PostgresError(
            kind: .query,
            code: .checkViolation,
            message: #"no partition of relation "license_checks" found for row"#
        )
        let check = PostgresError(
            kind: .query,
            code: .checkViolation,
            message: #"new row for relation "license_checks_p20261130" violates check constraint"#
        )
        #expect(CheckLogPartitions.isMissingPartition(missing))
        #expect(!CheckLogPartitions.isMissingPartition(check))
    }

    @Test("a check-log entry's time goes to the database as whole microseconds, the same on every write")
    func microseconds() throws {
        var entry = Self.unknownKeyCheck()
        entry.createdAt = Date(timeIntervalSince1970: 1_764_460_800.123_456_7)
        #expect(entry.createdAtMicroseconds == 1_764_460_800_123_456)
        #expect(entry.createdAtMicroseconds == entry.createdAtMicroseconds)
        let other = Self.unknownKeyCheck()
        #expect(other.requestID != entry.requestID)
    }

    /// A logged check of a key that matched nothing: no license, product, site or activation.
    private static func unknownKeyCheck() -> CheckLogEntry {
        CheckLogEntry(
            action: "check",
            client: PublicClient(ip: nil, userAgent: ""),
            licenseID: nil,
            productID: nil,
            siteURL: nil,
            activationID: nil,
            result: "NOT FOUND"
        )
    }
}
