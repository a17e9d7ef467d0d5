import Domain
import Foundation
import Logging

/// Everything a worker needs to serve, built once from flags and the environment (the environment wins over
/// defaults; flags win over the environment). `ServeCommand` puts the configuration file's values under the
/// environment first (`ConfigurationFile.load`), so the file is one more layer below the environment.
struct ServerConfiguration: Sendable {
    /// libpq URL or conninfo of the primary. Defaults to the embedded cluster of `make run`. A multi-host URL with
    /// `target_session_attrs=read-write` follows a failover by itself (docs/scaling.md).
    var databaseURL: String
    /// Replicas for reads that write nothing (`DATABASE_READ_URL`): the admin REST API's GET routes. nil: the primary.
    var databaseReadURL: String?
    /// Where the background child connects (`BACKGROUND_DATABASE_URL`, default `databaseURL`). Its jobs hold session
    /// state — advisory locks across statements, `lock_timeout`, `DETACH PARTITION CONCURRENTLY` outside a
    /// transaction — which a transaction pooler would scatter over server connections: behind PgBouncer in
    /// transaction mode it must reach the primary directly or through a session pool.
    var backgroundDatabaseURL: String
    /// False sends statements unnamed (`DATABASE_PREPARED_STATEMENTS=false`), for PgBouncer in transaction mode.
    var databasePreparedStatements: Bool
    /// How long a request may wait out a lost database connection or a failover before it answers 503
    /// (`REQUEST_DEADLINE_MS`, default 5000; 0 retries once at once, never waits).
    var requestDeadlineMilliseconds: Int

    static let defaultRequestDeadlineMilliseconds = 5000
    /// Scheme and host for the FaxStore success text and for URLs we hand out; nil builds it from `HTTPS` and
    /// `Host` of each request.
    var publicBaseURL: String?
    /// Serves the legacy `/api/checkitem/{id}` (faxstore.md §8). Off by default.
    var faxStoreV1Enabled: Bool
    /// Days a lapsed license keeps working on the public APIs. Defaults to 15, as in FluentCart.
    var graceDays: Int
    /// Threads per worker, each with its own PostgreSQL connection. Defaults to 8.
    var threadsPerWorker: Int
    /// Signs download tokens (`DOWNLOAD_SECRET`). Every worker and every app node must share it; the supervisor
    /// makes one up for its own workers when it is unset (`ensureDownloadSecret`).
    var downloadSecret: DownloadSecret

    static let downloadSecretVariable = "DOWNLOAD_SECRET"

    /// HMAC key of incoming store events (`EVENTS_SECRET`); nil turns `POST /api/events` off (404).
    var eventsSecret: [UInt8]?
    /// Where outgoing webhooks go (`WEBHOOK_URLS`) — queued in the outbox only when there are targets.
    var webhooks: WebhookOutbox
    /// HMAC key of outgoing webhooks (`WEBHOOK_SECRET`).
    var webhookSecret: [UInt8]?
    /// Days the check log keeps rows (`CHECK_LOG_RETENTION_DAYS`, default 90; 0 keeps them forever).
    var checkLogRetentionDays: Int

    /// Longest a worker's SQL statement may run (`STATEMENT_TIMEOUT_MS`, default 5000; 0: no limit). A check stuck
    /// behind a lock or a slow server then answers 503 with `Retry-After` after this long instead of holding its
    /// thread while more requests pile up behind it.
    var statementTimeoutMilliseconds: Int

    static let defaultStatementTimeoutMilliseconds = 5000

    /// Client addresses or CIDRs (`REMOTE_ADDR`) the workers answer `/metrics` for (`METRICS_ALLOW`, commas or
    /// spaces). Defaults to 127.0.0.1 and ::1; nginx applies the same list to the location.
    var metricsAllow: MetricsAllowList

    static let defaultDatabaseURL = "postgresql://127.0.0.1:54329/licenses"

    init(
        databaseURL: String? = nil,
        faxStoreV1: Bool = false,
        threads: Int? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.databaseURL =
            databaseURL ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultDatabaseURL
        backgroundDatabaseURL =
            environment["BACKGROUND_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? self.databaseURL
        databaseReadURL = environment["DATABASE_READ_URL"].flatMap { $0.isEmpty ? nil : $0 }
        databasePreparedStatements = environment["DATABASE_PREPARED_STATEMENTS"]?.lowercased() != "false"
        requestDeadlineMilliseconds =
            environment["REQUEST_DEADLINE_MS"].flatMap(Int.init).map { max($0, 0) }
            ?? Self.defaultRequestDeadlineMilliseconds
        var base = environment["PUBLIC_BASE_URL"]?.trimmingWhitespace ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        publicBaseURL = base.isEmpty ? nil : base
        faxStoreV1Enabled = faxStoreV1 || environment["FAXSTORE_V1_ENABLED"]?.lowercased() == "true"
        graceDays = environment["GRACE_DAYS"].flatMap(Int.init).map { max($0, 0) } ?? 15
        threadsPerWorker = max(threads ?? 8, 1)
        downloadSecret =
            environment[Self.downloadSecretVariable].flatMap(DownloadSecret.init)
            ?? DownloadSecret(RandomToken.hex(bytes: 32))!
        eventsSecret = environment["EVENTS_SECRET"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        webhooks = WebhookOutbox(environmentValue: environment["WEBHOOK_URLS"])
        webhookSecret = environment["WEBHOOK_SECRET"].flatMap { $0.isEmpty ? nil : Array($0.utf8) }
        checkLogRetentionDays = environment["CHECK_LOG_RETENTION_DAYS"].flatMap(Int.init).map { max($0, 0) } ?? 90
        statementTimeoutMilliseconds =
            environment["STATEMENT_TIMEOUT_MS"].flatMap(Int.init).map { max($0, 0) }
            ?? Self.defaultStatementTimeoutMilliseconds
        metricsAllow =
            environment["METRICS_ALLOW"].map { MetricsAllowList(ConfigurationFileValueCheck.list($0)) } ?? .localhost
    }

    /// Called by the supervisor before it starts workers: without a usable `DOWNLOAD_SECRET`, it sets a random one
    /// in its environment, which its workers inherit. Download links then stop working when the server restarts
    /// and differ between app nodes, hence the warning.
    static func ensureDownloadSecret(logger: Logger) {
        let current = ProcessInfo.processInfo.environment[downloadSecretVariable]
        guard current.flatMap(DownloadSecret.init) == nil else { return }
        logger.warning(
            "DOWNLOAD_SECRET is unset or shorter than 16 bytes; using a random one until restart",
            metadata: ["hint": "set DOWNLOAD_SECRET to the same value on every app node"]
        )
        setenv(downloadSecretVariable, RandomToken.hex(bytes: 32), 1)
    }

    /// `PUBLIC_BASE_URL` without a trailing slash, else the scheme and host nginx passed.
    func publicBaseURL(for request: HTTPRequest) -> String {
        if let publicBaseURL { return publicBaseURL }
        return "\(request.scheme)://\(request.headers.host ?? "localhost")"
    }
}
