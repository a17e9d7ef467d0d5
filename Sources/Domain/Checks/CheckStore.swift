import Foundation
import Logging

/// Runs FaxStore checks against PostgreSQL: one round trip each, logged or not.
public struct CheckStore {
    let database: Database
    let decision: CheckDecision
    let logger: Logger

    public init(database: Database, decision: CheckDecision, logger: Logger) {
        self.database = database
        self.decision = decision
        self.logger = logger
    }

    /// Decides the check. An impossible key answers "not found" without touching the database.
    /// Throws `PostgresError` only when the database cannot be reached.
    public func check(_ request: CheckRequest) throws -> CheckOutcome {
        guard let key = request.key else { return .keyNotFound }
        let products = "{" + request.productIDs.map(String.init).joined(separator: ",") + "}"
        if request.log {
            do {
                return try logged(request, key: key, products: products)
            } catch let error as PostgresError where !error.isConnectionLoss {
                // A failed log write never changes the answer (faxstore.md §7).
                logger.error("check log write failed", metadata: ["error": "\(error)"])
            }
        }
        let result = try database.run { connection in
            try connection.query(CheckSQL.lookup, [products, key.rawValue, request.isSingle.sql])
        }
        return decision.decide(
            productExists: result.bool(row: 0, column: 0) ?? false,
            license: Self.licenseState(result, offset: 1),
            clientIP: request.clientIP,
            now: Date()
        )
    }

    private func logged(_ request: CheckRequest, key: LicenseKey, products: String) throws -> CheckOutcome {
        let success = CheckOutcome.authorised(productID: 0).status(for: request.api)
        // Not retried on a lost connection: the row may have been written before the connection broke.
        let result = try database.run(idempotent: false) { connection in
            try connection.query(
                CheckSQL.logged,
                [
                    products, key.rawValue, request.isSingle.sql, request.clientIP?.description, request.userAgent,
                    request.info, request.api.rawValue, decision.expiry.graceDays.sql, success,
                ]
            )
        }
        let productExists = result.bool(row: 0, column: 0) ?? false
        let license = Self.licenseState(result, offset: 1)
        switch result.string(row: 0, column: 8) {
        case success?: return .authorised(productID: license?.productID ?? 0)
        case "KEY DISABLED"?: return .disabledByStaff
        case "NOT ACTIVE"?: return .switchedOffByOwner
        case "KEY EXPIRED"?: return .expired
        case "NOT AUTHORISED"?: return .ipMismatch(clientIP: request.clientIP?.description ?? "unknown")
        default: return productExists ? .keyNotFound : .productNotFound
        }
    }

    /// Reads license id, product, status, owner switch, expiry, lock and IP from consecutive columns.
    static func licenseState(_ result: QueryResult, offset: Int) -> CheckDecision.LicenseState? {
        guard result.rowCount == 1, !result.isNull(row: 0, column: offset),
            let productID = result.int(row: 0, column: offset + 1),
            let status = result.string(row: 0, column: offset + 2).flatMap(LicenseStatus.init(rawValue:))
        else { return nil }
        return CheckDecision.LicenseState(
            productID: productID,
            status: status,
            ownerEnabled: result.bool(row: 0, column: offset + 3) ?? true,
            expirationDate: result.string(row: 0, column: offset + 4).flatMap(Double.init)
                .map(Date.init(timeIntervalSince1970:)),
            ipLock: result.bool(row: 0, column: offset + 5) ?? false,
            ip: result.string(row: 0, column: offset + 6).flatMap(IPAddress.init)
        )
    }
}
