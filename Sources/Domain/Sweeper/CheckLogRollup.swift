/// Keeps `check_log_daily`, the rollup behind `reports.checks_daily`, close behind the log: each run counts the
/// rows logged since the previous one, so a report reads a few hundred rollup rows and the last seconds of the log
/// instead of the whole log.
///
/// The counting rules live in SQL, `check_log_roll_up()` (sql/008), one short transaction per step; this type only
/// calls it often enough, under an advisory lock so that on several servers one rolls up while the others skip.
public struct CheckLogRollup {
    /// What one run did, for the log.
    public struct Report: Sendable, Equatable {
        public var ran: Bool
        /// How far the rollup's position (`rolled_up_id`) moved.
        public var ids: Int64
    }

    /// `pg_try_advisory_lock` key: "LFCGROLL" in a 64-bit number nobody else uses.
    static let lockKey: Int64 = 0x4C46_4347_524F_4C4C

    /// Ids counted per step (per transaction): a backlog of a billion rows is caught up in steps of a few seconds.
    public static let idsPerStep: Int64 = 1_000_000
    /// Steps per run, so that a long backlog never holds up the background process's other work for long.
    public static let stepsPerRun = 20

    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Steps until the rollup has to wait (for transactions still running, or for its next position), or
    /// `stepsPerRun` steps.
    public func run() throws -> Report {
        try database.run(idempotent: true) { connection in
            let locked = try connection.query("SELECT pg_try_advisory_lock($1)", [Self.lockKey.sql])
            guard locked.bool(row: 0, column: 0) == true else { return Report(ran: false, ids: 0) }
            defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [Self.lockKey.sql]) }
            var report = Report(ran: true, ids: 0)
            for _ in 0..<Self.stepsPerRun {
                let moved =
                    try connection.query("SELECT check_log_roll_up($1)", [Self.idsPerStep.sql]).int(row: 0, column: 0)
                    ?? 0
                report.ids += moved
                if moved == 0 { break }
            }
            return report
        }
    }
}
