import Foundation
import Logging

/// Group commit for the check log: the threads of a worker that log at the same moment share one statement and
/// one commit, and each answers only after its row is durable (faxstore.md §7).
///
/// The first thread to find no flush under way becomes the leader: it takes every waiting row, writes them on its
/// own connection, wakes the others, and the next waiting thread leads the following batch. Under load the batch
/// grows by itself while a commit is in flight; alone, a check waits for exactly one commit, as before.
///
/// `@unchecked Sendable`: `queue`, `flushing` and every `Ticket` are read and written only with `condition` held.
public final class CheckLogBatcher: @unchecked Sendable {
    private final class Ticket {
        let entry: CheckLogEntry
        var done = false
        var error: (any Error)?

        init(_ entry: CheckLogEntry) {
            self.entry = entry
        }
    }

    /// Most rows in one statement; more wait for the next one.
    public static let maximumBatch = 128

    private let condition = NSCondition()
    private var queue: [Ticket] = []
    private var flushing = false

    public init() {}

    /// Returns once the entry is committed; throws if its write failed.
    public func write(_ entry: CheckLogEntry, on database: Database) throws {
        let ticket = Ticket(entry)
        condition.lock()
        queue.append(ticket)
        while !ticket.done {
            guard !flushing else {
                condition.wait()
                continue
            }
            flushing = true
            let batch = Array(queue.prefix(Self.maximumBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            let errors = Self.flush(batch.map(\.entry), on: database)
            condition.lock()
            for (ticket, error) in zip(batch, errors) {
                ticket.done = true
                ticket.error = error
            }
            flushing = false
            condition.broadcast()
        }
        condition.unlock()
        if let error = ticket.error { throw error }
    }

    /// Writes the batch in one statement; if a row-specific failure stops it (a license deleted meanwhile, a
    /// deadlock with some other transaction), writes each row alone so that one bad row costs only itself. Returns
    /// one error slot per entry.
    ///
    /// The write is idempotent (each row carries its request id), so a batch whose connection broke after it was
    /// sent, its outcome unknown, is written again on a fresh connection and logs and counts each check once.
    static func flush(_ entries: [CheckLogEntry], on database: Database) -> [(any Error)?] {
        do {
            try insertCreatingPartitions(entries, on: database)
            return Array(repeating: nil, count: entries.count)
        } catch let error as PostgresError where error.meansUnavailable {
            // Timeout, refused write, full disk, a connection lost twice: every row would fail the same way, one
            // statement timeout or one error line each.
            return Array(repeating: error, count: entries.count)
        } catch {
            guard entries.count > 1 else { return [error] }
            return entries.map { entry in
                do {
                    try insert([entry], on: database)
                    return nil
                } catch {
                    return error
                }
            }
        }
    }

    /// A day without its partition (the background process has not run for days, or a node's clock is far ahead)
    /// gets it now, and the batch is written again: the check is logged rather than refused. With the background
    /// process's short lock timeout, so that this rare path cannot hold up other threads' checks behind a lock on
    /// `licenses` (see `CheckLogPartitions`); if it times out, the batch fails as unavailable, the answers go out.
    private static func insertCreatingPartitions(_ entries: [CheckLogEntry], on database: Database) throws {
        do {
            try insert(entries, on: database)
        } catch let error as PostgresError where CheckLogPartitions.isMissingPartition(error) {
            let days = Set(entries.map { CheckLogPartitions.Day($0.createdAt) })
            try database.run(idempotent: true) { connection in
                try connection.withTransaction { transaction in
                    try transaction.query("SET LOCAL lock_timeout = '\(CheckLogPartitions.lockTimeout)'")
                    for day in days.sorted() { try CheckLogPartitions.create(day, on: transaction) }
                }
            }
            try insert(entries, on: database)
        }
    }

    static func insert(_ entries: [CheckLogEntry], on database: Database) throws {
        let parameters: [SQLParameter] = [
            PostgresArray.literal(entries.map { $0.licenseID.map(String.init) }),
            PostgresArray.literal(entries.map { $0.productID.map(String.init) }),
            PostgresArray.literal(entries.map { $0.requestedProductIDs.map(PostgresArray.literal) }),
            PostgresArray.literal(entries.map { $0.ip?.description }),
            PostgresArray.literal(entries.map { $0.userAgent }),
            PostgresArray.literal(entries.map { $0.info }),
            PostgresArray.literal(entries.map { $0.result }),
            PostgresArray.literal(entries.map { $0.api }),
            PostgresArray.literal(entries.map { $0.siteURL }),
            PostgresArray.literal(entries.map { $0.activationID.map(String.init) }),
            PostgresArray.literal(entries.map { $0.movesCounters ? "t" : "f" }),
            PostgresArray.literal(entries.map { $0.requestID.uuidString }),
            PostgresArray.literal(entries.map { String($0.createdAtMicroseconds) }),
        ]
        _ = try database.run(idempotent: true) { connection in
            try connection.query(CheckSQL.logBatch, parameters)
        }
    }
}
