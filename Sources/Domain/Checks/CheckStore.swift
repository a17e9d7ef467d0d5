import Foundation
import Logging

/// Runs FaxStore checks: one lookup, the decision in `CheckDecision`, and, when logged, a row written through the
/// worker's `CheckLogBatcher` before the answer goes out.
public struct CheckStore {
    let database: Database
    let decision: CheckDecision
    let batcher: CheckLogBatcher
    let logger: Logger

    public init(database: Database, decision: CheckDecision, batcher: CheckLogBatcher, logger: Logger) {
        self.database = database
        self.decision = decision
        self.batcher = batcher
        self.logger = logger
    }

    /// Decides the check. An impossible key answers "not found" without touching the database.
    /// Throws `PostgresError` only when the lookup cannot reach the database.
    public func check(_ request: CheckRequest) throws -> CheckOutcome {
        guard let key = request.key else { return .keyNotFound }
        let result = try database.run { connection in
            try connection.query(
                CheckSQL.lookup,
                [PostgresArray.literal(request.productIDs), key.rawValue, request.isSingle.sql]
            )
        }
        let license = Self.licenseState(result)
        let outcome = decision.decide(
            productExists: result.bool(row: 0, column: 0) ?? false,
            license: license,
            clientIP: request.clientIP,
            now: Date()
        )
        if request.log {
            let entry = CheckLogEntry(
                request: request,
                licenseID: license == nil ? nil : result.int(row: 0, column: 1),
                matchedProductID: license?.productID,
                result: outcome.status(for: request.api)
            )
            do {
                try batcher.write(entry, on: database)
            } catch {
                // A failed log write never changes the answer (faxstore.md §7).
                logger.error("check log write failed", metadata: ["error": "\(error)"])
            }
        }
        return outcome
    }

    /// Reads the license columns of the lookup (1–7); nil when no license matched.
    static func licenseState(_ result: QueryResult) -> CheckDecision.LicenseState? {
        guard result.rowCount == 1, !result.isNull(row: 0, column: 1),
            let productID = result.int(row: 0, column: 2),
            let status = result.string(row: 0, column: 3).flatMap(LicenseStatus.init(rawValue:))
        else { return nil }
        return CheckDecision.LicenseState(
            productID: productID,
            status: status,
            ownerEnabled: result.bool(row: 0, column: 4) ?? true,
            expirationDate: result.string(row: 0, column: 5).flatMap(Double.init)
                .map(Date.init(timeIntervalSince1970:)),
            ipLock: result.bool(row: 0, column: 6) ?? false,
            ip: result.string(row: 0, column: 7).flatMap(IPAddress.init)
        )
    }
}
