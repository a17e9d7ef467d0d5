import Foundation

/// The check log's day partitions (sql/008): the next days get theirs ahead of time, and days past the retention
/// leave whole, instead of row by row.
///
/// Neither blocks the log. A partition is created standalone and attached (SHARE UPDATE EXCLUSIVE on the log,
/// inserts go on), and an old one is detached with `DETACH PARTITION ... CONCURRENTLY` before `DROP TABLE`. The log
/// has no default partition: it would forbid detaching concurrently, and a row for a day without a partition is
/// not lost either, since the check-log batcher creates the day then (`isMissingPartition`).
///
/// The log's foreign key to `licenses` is what still needs locks there: attaching clones it (SHARE ROW EXCLUSIVE on
/// `licenses`, which pauses writes of licenses, the check counters included), detaching gives the day its own
/// triggers (the same), and removing it takes ACCESS EXCLUSIVE (which pauses every check). Each is a catalog change
/// of a millisecond once granted, but a lock request waits in line and holds up those behind it: every such step
/// runs with a `lock_timeout` of `lockTimeout` and is tried `lockAttempts` times, then left to the next run. The
/// foreign key is removed alone before `DROP TABLE`, so that unlinking the day's files holds no lock on `licenses`.
///
/// Runs under a session advisory lock, so on several servers at once one maintains while the others skip. Every
/// step is idempotent, so a maintenance cut short (a crash between detach and drop, a lock timeout) is finished by
/// the next one.
public struct CheckLogPartitions {
    /// Everything one maintenance did, for the log.
    public struct Report: Sendable, Equatable {
        public var ran: Bool
        public var created: [String] = []
        public var dropped: [String] = []
        /// Past the retention but holding rows the rollup has not counted yet: dropped by a later run.
        public var waiting: [String] = []
    }

    /// A UTC calendar day, as the partitions cut the log.
    public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
        /// Days since 1970-01-01.
        public let number: Int

        public init(number: Int) {
            self.number = number
        }

        /// The UTC day `date` falls on.
        public init(_ date: Date) {
            number = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        }

        /// `yyyy-MM-dd`, and back (nil for anything else).
        public init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            var components = DateComponents()
            (components.year, components.month, components.day) = (year, month, day)
            guard let date = Self.calendar.date(from: components) else { return nil }
            let back = Self.calendar.dateComponents([.year, .month, .day], from: date)
            // The calendar rolls 2023-02-29 over to March: only a day that comes back unchanged exists.
            guard back.year == year, back.month == month, back.day == day else { return nil }
            self.init(date)
        }

        public func adding(days: Int) -> Day { Day(number: number + days) }

        /// Midnight UTC, the partition's lower bound.
        public var start: Date { Date(timeIntervalSince1970: TimeInterval(number) * 86_400) }

        public var description: String {
            let parts = Self.calendar.dateComponents([.year, .month, .day], from: start)
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }

        public static func < (left: Day, right: Day) -> Bool { left.number < right.number }

        private static let calendar: Calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            return calendar
        }()
    }

    /// `pg_try_advisory_lock` key: "LFCGPART" in a 64-bit number nobody else uses.
    static let lockKey: Int64 = 0x4C46_4347_5041_5254

    /// Days after today that get their partition ahead of time: a week without maintenance loses nothing.
    public static let daysAhead = 7

    /// How long a step waits for its locks: the longest a check may wait behind it.
    static let lockTimeout = "100ms"
    /// Tries of a step whose lock was not granted in time, a second apart, before it waits for the next run.
    static let lockAttempts = 5

    static let namePrefix = "license_checks_p"

    let database: Database
    let retentionDays: Int

    /// - Parameter retentionDays: days of the log kept (CHECK_LOG_RETENTION_DAYS); 0 keeps everything.
    public init(database: Database, retentionDays: Int) {
        self.database = database
        self.retentionDays = max(retentionDays, 0)
    }

    /// The partition of `day`: `license_checks_pYYYYMMDD`.
    public static func name(of day: Day) -> String {
        namePrefix + day.description.replacingOccurrences(of: "-", with: "")
    }

    /// The day a partition named by `name(of:)` holds; nil for any other table.
    public static func day(ofPartition name: String) -> Day? {
        guard name.hasPrefix(namePrefix) else { return nil }
        let digits = name.dropFirst(namePrefix.count)
        guard digits.count == 8, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        let text = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
        return Day(text)
    }

    /// Today and the `daysAhead` days after it.
    public static func daysToCreate(today: Day) -> [Day] {
        (0...daysAhead).map { today.adding(days: $0) }
    }

    /// The oldest day kept: a day's rows all lie more than `retentionDays` days in the past once it is older than
    /// this, as the row-by-row pruning deleted rows older than `now - retentionDays days`. Nil keeps every day.
    public static func oldestKept(today: Day, retentionDays: Int) -> Day? {
        retentionDays > 0 ? today.adding(days: -retentionDays) : nil
    }

    /// True for the error of an insert whose day has no partition (SQLSTATE 23514, as a CHECK failure).
    public static func isMissingPartition(_ error: PostgresError) -> Bool {
        error.code == .checkViolation && error.message.contains("no partition of relation")
    }

    /// Creates and attaches the partition of `day` unless it exists; true when it made it.
    @discardableResult
    public static func create(_ day: Day, on connection: PostgresConnection) throws -> Bool {
        try connection.query("SELECT license_checks_create_partition($1::date)", [day.description]).bool(
            row: 0,
            column: 0
        ) == true
    }

    /// One maintenance; `ran` is false when another server holds the lock.
    public func maintain(now: Date = Date()) throws -> Report {
        try database.run(idempotent: true) { connection in
            let locked = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.lockKey.sql])
            guard locked.bool(row: 0, column: 0) == true else { return Report(ran: false) }
            defer {
                _ = try? connection.query("RESET lock_timeout")
                _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey.sql])
            }
            try connection.query("SET lock_timeout = '\(Self.lockTimeout)'")
            var report = Report(ran: true)
            let today = Day(now)
            for day in Self.daysToCreate(today: today)
            where try Self.retryingLockTimeouts({ try Self.create(day, on: connection) }) {
                report.created.append(Self.name(of: day))
            }
            guard let oldest = Self.oldestKept(today: today, retentionDays: retentionDays) else { return report }
            for partition in try partitions(on: connection) {
                guard let day = Self.day(ofPartition: partition.name), day < oldest else { continue }
                if try drop(partition, on: connection) {
                    report.dropped.append(partition.name)
                } else {
                    report.waiting.append(partition.name)
                }
            }
            return report
        }
    }

    struct Partition {
        var name: String
        var attached: Bool
        var detachPending: Bool
    }

    /// The day tables beside the log, attached or left detached by an interrupted drop.
    func partitions(on connection: PostgresConnection) throws -> [Partition] {
        try connection.query(
            """
            SELECT c.relname AS name, i.inhrelid IS NOT NULL AS attached,
                   coalesce(i.inhdetachpending, false) AS detach_pending
            FROM pg_class c
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND i.inhparent = 'license_checks'::regclass
            WHERE c.relkind = 'r' AND c.relname ~ '^license_checks_p[0-9]{8}$'
              AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'license_checks'::regclass)
            ORDER BY c.relname
            """
        ).rows.compactMap { row in
            guard let name = row["name"] else { return nil }
            return Partition(
                name: name,
                attached: row.bool("attached") == true,
                detachPending: row.bool("detach_pending") == true
            )
        }
    }

    /// Detaches (concurrently: inserts go on) and drops one partition; false, and nothing done, while it holds rows
    /// the rollup has not counted, so that `reports.checks_daily` keeps every check of the dropped day.
    func drop(_ partition: Partition, on connection: PostgresConnection) throws -> Bool {
        let table = "\"\(partition.name)\""
        if partition.attached {
            let counted = try connection.query(
                "SELECT coalesce(max(id), 0) <= (SELECT rolled_up_id FROM check_log_rollup) FROM \(table)"
            )
            guard counted.bool(row: 0, column: 0) == true else { return false }
            // A detach cut short (a lock timeout in its second transaction, a crash) stays pending; FINALIZE ends it.
            var pending = partition.detachPending
            try Self.retryingLockTimeouts {
                do {
                    let mode = pending ? "FINALIZE" : "CONCURRENTLY"
                    try connection.query("ALTER TABLE license_checks DETACH PARTITION \(table) \(mode)")
                } catch let error as PostgresError where error.code == .lockNotAvailable {
                    pending =
                        try connection.query(
                            "SELECT coalesce(bool_or(inhdetachpending), false) FROM pg_inherits WHERE inhrelid = $1::regclass",
                            [table]
                        ).bool(row: 0, column: 0) == true
                    throw error
                }
            }
        }
        try Self.retryingLockTimeouts {
            try connection.query("ALTER TABLE \(table) DROP CONSTRAINT IF EXISTS license_checks_license_id_fkey")
        }
        try connection.query("DROP TABLE IF EXISTS \(table)")
        return true
    }

    /// Runs `step` up to `lockAttempts` times while it fails for want of a lock within `lockTimeout`.
    @discardableResult
    static func retryingLockTimeouts<T>(_ step: () throws -> T) throws -> T {
        for _ in 1..<lockAttempts {
            do {
                return try step()
            } catch let error as PostgresError where error.code == .lockNotAvailable {
                Thread.sleep(forTimeInterval: 1)
            }
        }
        return try step()
    }
}
