import Domain
import Foundation
import Logging

/// One accept loop: its own `FCGX_Request`, its own PostgreSQL connection, its own handlers.
struct WorkerThread: Sendable {
    let configuration: ServerConfiguration
    let slot: ThreadSlot
    let draining: DrainFlag
    /// Shared by the worker's threads, so that their check-log rows share commits.
    let checkLog: CheckLogBatcher
    /// Shared by the worker's threads: a credential verified on one thread is not hashed again on another.
    let credentials: CredentialCache
    let logger: Logger
    /// This thread's block of the worker's metrics file; `.disabled` records nothing.
    var metrics = MetricsRecorder.disabled
    /// Where `/metrics` finds every process's counters.
    var metricsDirectory: MetricsDirectory?

    func run() {
        slot.recordCurrentThread()
        let database = Database(
            url: configuration.databaseURL,
            logger: logger,
            statementTimeoutMilliseconds: configuration.statementTimeoutMilliseconds,
            preparesStatements: configuration.databasePreparedStatements,
            readURL: configuration.databaseReadURL
        )
        _ = try? database.connection()  // Connect early; a failure is retried on the first request.
        let expiry = Expiry(graceDays: configuration.graceDays)
        let router = Router(
            faxStore: FaxStoreHandler(
                checks: CheckStore(
                    database: database,
                    decision: CheckDecision(expiry: expiry),
                    batcher: checkLog,
                    logger: logger
                ),
                configuration: configuration
            ),
            publicProtocol: PublicProtocolHandler(
                licenses: PublicLicenseStore(database: database, expiry: expiry, webhooks: configuration.webhooks),
                updates: UpdateStore(database: database, expiry: expiry, secret: configuration.downloadSecret),
                checkLog: checkLog,
                database: database,
                configuration: configuration,
                expiry: expiry
            ),
            rest: RESTRouter(
                routes: RESTRoutes.all,
                authenticator: Authenticator(database: database, cache: credentials),
                database: database,
                configuration: configuration,
                expiry: expiry
            ),
            health: HealthHandler(database: database),
            configuration: configuration,
            metrics: MetricsHandler(
                directory: metricsDirectory,
                allowed: configuration.metricsAllow,
                database: database
            )
        )
        let request = FastCGIRequest()
        while true {
            slot.set(.waiting)
            if draining.isSet { break }
            guard request.accept() else {
                if draining.isSet { break }
                continue
            }
            slot.set(.serving)
            let httpRequest = HTTPRequest(fastCGI: request)
            var requestLogger = logger
            if let id = httpRequest.headers.requestID { requestLogger[metadataKey: "request.id"] = "\(id)" }
            let started = ContinuousClock.now
            let destination = router.destination(of: httpRequest)
            // A health probe answers at once, from what the database says now; everything else waits out a failover.
            database.deadline = destination == .health ? nil : deadline(from: started)
            let response = router.respond(to: httpRequest, destination: destination, logger: requestLogger)
            request.write(response.cgiBytes)
            request.finish()
            let elapsed = ContinuousClock.now - started
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            metrics.record(
                group: Router.routeGroup(of: destination),
                response: response,
                micros: UInt64(max(micros, 0))
            )
        }
        slot.set(.finished)
    }

    /// Until when this request may wait out a failover; nil when the deadline is configured to 0.
    private func deadline(from start: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let milliseconds = configuration.requestDeadlineMilliseconds
        return milliseconds > 0 ? start + .milliseconds(milliseconds) : nil
    }
}
