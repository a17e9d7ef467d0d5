import Domain
import Logging

@testable import LicenseFCGI

/// A router over a database that is never reached: `Database` connects only when a query runs, and the tests
/// send nothing that needs one.
func makeRouter(v1Enabled: Bool = false, environment: [String: String] = [:]) -> Router {
    let logger = Logger(label: "test")
    let configuration = ServerConfiguration(
        databaseURL: "postgresql://127.0.0.1:1/unused",
        faxStoreV1: v1Enabled,
        environment: environment
    )
    let database = Database(url: configuration.databaseURL, logger: logger)
    let checks = CheckStore(database: database, decision: CheckDecision(), batcher: CheckLogBatcher(), logger: logger)
    let expiry = Expiry()
    return Router(
        faxStore: FaxStoreHandler(checks: checks, configuration: configuration),
        publicProtocol: PublicProtocolHandler(
            licenses: PublicLicenseStore(database: database, expiry: expiry),
            updates: UpdateStore(database: database, expiry: expiry, secret: configuration.downloadSecret),
            checkLog: CheckLogBatcher(),
            database: database,
            configuration: configuration,
            expiry: expiry
        ),
        rest: RESTRouter(
            routes: RESTRoutes.all,
            authenticator: Authenticator(database: database, cache: CredentialCache()),
            database: database,
            configuration: configuration,
            expiry: expiry
        ),
        health: HealthHandler(database: database),
        configuration: configuration
    )
}

let testLogger = Logger(label: "test")
