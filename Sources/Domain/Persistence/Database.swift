import Logging

/// A connection that comes back by itself: a worker thread keeps one, and a broken socket or a restarted
/// server is an ordinary event answered with `unavailable` until a reconnect succeeds.
public final class Database {
    public let url: String
    private let logger: Logger
    private var current: PostgresConnection?
    private var nextAttempt: ContinuousClock.Instant = .now
    private var backoff: Duration = .milliseconds(50)

    /// Longest pause between reconnect attempts; short, so service resumes within a second or two.
    public static let maximumBackoff: Duration = .seconds(1)

    public init(url: String, logger: Logger) {
        self.url = url
        self.logger = logger
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
            try fresh.execute(script: "SET plan_cache_mode = force_generic_plan")
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
