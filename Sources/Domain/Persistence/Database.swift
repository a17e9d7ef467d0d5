import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A connection that comes back by itself: a worker thread keeps one, and a broken socket, a restarted server or a
/// failover to another primary is an ordinary event, waited out within the request's deadline.
///
/// Several app nodes share one PostgreSQL cluster (Patroni), so a primary may vanish, restart read-only or be
/// demoted under a live connection at any time. `run` then drops the connection, reconnects with a short back-off
/// (libpq's multi-host URLs with `target_session_attrs=read-write` find the new primary), prepares its statements
/// again on the new connection, and runs the work again when that cannot do harm — until the request's deadline,
/// after which the error goes to the caller, who answers 503 with `Retry-After`.
public final class Database {
    public let url: String
    private let logger: Logger
    private var current: PostgresConnection?
    private var nextAttempt: ContinuousClock.Instant = .now
    private var backoff: Duration = Database.firstBackoff
    /// `statement_timeout` of every connection, in milliseconds; nil leaves the server's setting (0 there: none).
    private let statementTimeoutMilliseconds: Int?
    /// False runs every statement unnamed (`PQexecParams`), for PgBouncer in transaction mode.
    private let preparesStatements: Bool
    /// Replicas for reads that write nothing (`DATABASE_READ_URL`); nil: there are none.
    private var replica: Database?
    /// Set on a replica: where its reads go when it cannot serve them.
    private weak var primary: Database?
    /// Until when a failing `run` may wait and retry; nil (CLI, background work) retries once at most, at once.
    public var deadline: ContinuousClock.Instant?

    /// First and longest pause between reconnect attempts: short, so service resumes well within a request's
    /// deadline once a new primary accepts writes (about 2 s after a switchover with a multi-host URL).
    public static let firstBackoff: Duration = .milliseconds(50)
    public static let maximumBackoff: Duration = .milliseconds(500)

    /// - Parameters:
    ///   - statementTimeoutMilliseconds: set on every connection, so that a statement stuck behind a lock or a slow
    ///     server fails (SQLSTATE 57014, answered 503) instead of holding its thread and piling requests up behind
    ///     it. Workers pass the configured value; the CLI and the background process, whose sweeps and migrations
    ///     may legitimately run long, pass nil.
    ///   - preparesStatements: false for a transaction pooler, where a named statement prepared on one server
    ///     connection is missing (or already there) on the next one (scale-out.md §3).
    ///   - readURL: replicas for `read`; refused or unreachable replicas fall back to this database.
    public init(
        url: String,
        logger: Logger,
        statementTimeoutMilliseconds: Int? = nil,
        preparesStatements: Bool = true,
        readURL: String? = nil
    ) {
        self.url = url
        self.logger = logger
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
        self.preparesStatements = preparesStatements
        if let readURL {
            let replica = Database(
                url: readURL,
                logger: logger,
                statementTimeoutMilliseconds: statementTimeoutMilliseconds,
                preparesStatements: preparesStatements
            )
            replica.primary = self
            self.replica = replica
        }
    }

    /// Where reads that write nothing go: the replicas when there are any, falling back to this database by
    /// themselves when they refuse or are away. Replicas lag the primary by milliseconds, so whatever must see
    /// the latest writes of any node (checks, activations) runs on this database instead.
    public var reading: Database { replica ?? self }

    /// The open connection, reconnecting if needed. Throws a `.connection` error while the server is away; within
    /// a deadline, it first waits for the next attempt instead.
    public func connection() throws -> PostgresConnection {
        if let current, current.isHealthy { return current }
        current = nil
        if ContinuousClock.now < nextAttempt {
            guard let deadline, nextAttempt < deadline else {
                throw PostgresError(kind: .connection, message: "database unavailable (waiting to reconnect)")
            }
            sleep(until: nextAttempt)
        }
        do {
            let fresh = try PostgresConnection(url: url, preparesStatements: preparesStatements)
            // The hot statements are cheap to run and costly to plan: plan each once per connection, never per call.
            var settings = ["SET plan_cache_mode = force_generic_plan"]
            if let statementTimeoutMilliseconds {
                settings.append("SET statement_timeout = \(max(statementTimeoutMilliseconds, 0))")
            }
            try fresh.execute(script: settings.joined(separator: "; "))
            current = fresh
            backoff = Self.firstBackoff
            return fresh
        } catch {
            nextAttempt = .now + backoff
            backoff = min(backoff * 2, Self.maximumBackoff)
            logger.warning("database connection failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Runs `body` with the connection. A connection-loss error (a broken socket, or a server that is shutting
    /// down, starting up or no longer the primary) drops the connection; `body` then runs again on a new one while
    /// the deadline allows, when that is safe:
    /// - always when the connection could not be made, or the server refused the statement as read-only
    ///   (25006) or starting up (57P03): nothing ran;
    /// - otherwise only when `idempotent` says a second run cannot do harm, because an error after the statement
    ///   was sent leaves its outcome unknown (it may have committed).
    public func run<T>(idempotent: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T {
        var retried = false
        while true {
            let connection: PostgresConnection
            do {
                connection = try self.connection()
            } catch let error as PostgresError where error.isConnectionLoss {
                if let primary { return try primary.run(idempotent: idempotent, body) }
                try pause(after: error, retried: &retried)
                continue
            }
            do {
                return try body(connection)
            } catch let error as PostgresError where error.isConnectionLoss {
                current = nil
                if let primary {
                    logger.debug("read replica unavailable; reading from the primary", metadata: ["error": "\(error)"])
                    return try primary.run(idempotent: idempotent, body)
                }
                nextAttempt = .now
                guard idempotent || error.provesNothingRan else { throw error }
                try pause(after: error, retried: &retried)
            }
        }
    }

    /// Whether `run` may try again: without a deadline once, at once; with one, after the back-off, while the
    /// next attempt still falls before it.
    private func pause(after error: PostgresError, retried: inout Bool) throws {
        guard let deadline else {
            guard !retried else { throw error }
            retried = true
            nextAttempt = .now
            return
        }
        let attempt = max(nextAttempt, .now + Self.firstBackoff)
        guard attempt < deadline else { throw error }
        logger.debug("database connection lost; retrying", metadata: ["error": "\(error)"])
        sleep(until: attempt)
    }
}

/// Blocks the calling thread, as a worker thread serving one request at a time may.
private func sleep(until instant: ContinuousClock.Instant) {
    let remaining = instant - .now
    guard remaining > .zero else { return }
    let (seconds, attoseconds) = remaining.components
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    var remainder = timespec()
    // Interrupted by a signal (the supervisor's), sleep on for what is left.
    while nanosleep(&request, &remainder) != 0 { request = remainder }
}
