import Logging

/// A connection that comes back by itself: a worker thread keeps one, and a broken socket or a restarted
/// server is an ordinary event answered with `unavailable` until a reconnect succeeds.
public final class Database {
    public let url: String
    private let logger: Logger
    private var current: PostgresConnection?
    private var nextAttempt: ContinuousClock.Instant = .now
    private var backoff: Duration = .milliseconds(50)
    /// `statement_timeout` of every connection, in milliseconds; nil leaves the server's setting (0 there: none).
    private let statementTimeoutMilliseconds: Int?

    /// Longest pause between reconnect attempts; short, so service resumes within a second or two.
    public static let maximumBackoff: Duration = .seconds(1)

    /// - Parameter statementTimeoutMilliseconds: set on every connection, so that a statement stuck behind a lock
    ///   or a slow server fails (SQLSTATE 57014, answered 503) instead of holding its thread and piling requests
    ///   up behind it. Workers pass the configured value; the CLI and the background process, whose sweeps and
    ///   migrations may legitimately run long, pass nil.
    public init(url: String, logger: Logger, statementTimeoutMilliseconds: Int? = nil) {
        self.url = url
        self.logger = logger
        self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
    }

    /// The open connection, reconnecting if needed. Throws a `.connection` error while the server is away.
    public func connection() throws -> PostgresConnection {
        if let current, current.isHealthy { return current }
        current = nil
        guard ContinuousClock.now >= nextAttempt else {
            throw PostgresError(kind: .connection, message: "database unavailable (waiting to reconnect)")
        }
        do {
            let fresh = try PostgresConnection(url: url)
            // The hot statements are cheap to run and costly to plan: plan each once per connection, never per call.
            var settings = ["SET plan_cache_mode = force_generic_plan"]
            if let statementTimeoutMilliseconds {
                settings.append("SET statement_timeout = \(max(statementTimeoutMilliseconds, 0))")
            }
            try fresh.execute(script: settings.joined(separator: "; "))
            current = fresh
            backoff = .milliseconds(50)
            return fresh
        } catch {
            nextAttempt = .now + backoff
            backoff = min(backoff * 2, Self.maximumBackoff)
            logger.warning("database connection failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Runs `body` with the connection; a connection-loss error drops the connection and is retried once on a
    /// fresh one when `idempotent` says a second run cannot do harm.
    public func run<T>(idempotent: Bool = true, _ body: (PostgresConnection) throws -> T) throws -> T {
        do {
            return try body(try connection())
        } catch let error as PostgresError where error.isConnectionLoss {
            current = nil
            nextAttempt = .now
            guard idempotent else { throw error }
            return try body(try connection())
        }
    }
}
