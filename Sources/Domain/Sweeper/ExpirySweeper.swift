import Foundation

/// The hourly sweep (fluentcart.md §11): lapsed licenses become `expired`. The check log's retention is
/// `CheckLogPartitions`' (whole days, not rows). Every batch is its own short transaction, so a sweep never holds many row
/// locks, and takes a transaction advisory lock first: one server per database sweeps while the others skip. The
/// lock lives and dies with the batch's transaction, never with the session, so it holds behind PgBouncer in
/// transaction mode too, where consecutive statements may reach different server connections and a session lock
/// could be taken on one and never released.
public struct ExpirySweeper {
    /// Everything one sweep did, for the log.
    public struct Report: Sendable, Equatable {
        public var ran: Bool
        public var expired: Int
    }

    /// `pg_try_advisory_xact_lock` key: "license-fcgi sweeper" in a 64-bit number nobody else uses.
    static let lockKey: Int64 = 0x4C46_4347_5357_4550

    public static let batchSize = 100

    let database: Database
    let graceDays: Int
    let webhooks: WebhookOutbox

    public init(database: Database, graceDays: Int, webhooks: WebhookOutbox) {
        self.database = database
        self.graceDays = max(graceDays, 0)
        self.webhooks = webhooks
    }

    /// One sweep; `ran` is false when another server's sweep holds the lock. When another server takes the lock
    /// between two batches, this one stops and leaves the rest to it.
    public func sweep() throws -> Report {
        try database.run(idempotent: false) { connection in
            var report = Report(ran: false, expired: 0)
            while let count = try expireBatch(on: connection) {
                report.ran = true
                report.expired += count
                if count < Self.batchSize { break }
            }
            return report
        }
    }

    /// Takes the sweep's lock until the end of the transaction; false when another server's sweep holds it.
    func lock(_ transaction: PostgresConnection) throws -> Bool {
        try transaction.query("SELECT pg_try_advisory_xact_lock($1)", [Self.lockKey.sql]).bool(row: 0, column: 0)
            == true
    }

    /// Expires up to one batch in one transaction, with an audit row and a `license_expired` webhook per license;
    /// nil when another server's sweep holds the lock.
    func expireBatch(on connection: PostgresConnection) throws -> Int? {
        try connection.withTransaction { transaction in
            guard try lock(transaction) else { return nil }
            let expired = try transaction.query(
                """
                WITH due AS (
                    SELECT id, status FROM licenses
                    WHERE status IN ('active', 'inactive')
                      AND expiration_date <= now() - make_interval(days => $1::int)
                    ORDER BY id
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE licenses l SET status = 'expired', updated_at = now()
                FROM due WHERE l.id = due.id
                RETURNING l.id, due.status
                """,
                [graceDays.sql, Self.batchSize.sql]
            )
            for row in 0..<expired.rowCount {
                guard let id = expired.int(row: row, column: 0) else { continue }
                try AuditLog.record(
                    transaction,
                    actor: "sweeper",
                    action: "license.expire",
                    objectType: "license",
                    objectID: id,
                    before: .object(["status": .string(expired.string(row: row, column: 1) ?? "")]),
                    after: .object(["status": .string("expired")])
                )
                try webhooks.enqueue(.licenseExpired, licenseID: id, on: transaction)
            }
            return expired.rowCount
        }
    }
}
