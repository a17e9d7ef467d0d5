import Domain
import Logging

/// Serves `/api/check/{id}`, `/api/check/multiple` and the legacy `/api/checkitem/{id}`.
struct FaxStoreHandler {
    let checks: CheckStore
    let configuration: ServerConfiguration

    /// The endpoint a path names, decided by the router.
    enum Endpoint: Equatable {
        case single(productSegment: String)
        case multiple
        case v1(productSegment: String)
    }

    func respond(to request: HTTPRequest, endpoint: Endpoint, logger: Logger) -> HTTPResponse {
        do {
            return try handle(request, endpoint: endpoint)
        } catch let error as FaxStoreError {
            return FaxStoreResponses.error(error)
        } catch let error as PostgresError where error.meansUnavailable {
            logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return FaxStoreResponses.unavailable
        } catch {
            logger.error("check failed", metadata: ["error": "\(String(reflecting: error))"])
            return FaxStoreResponses.internalError
        }
    }

    private func handle(_ request: HTTPRequest, endpoint: Endpoint) throws -> HTTPResponse {
        guard request.method == "POST" else { throw FaxStoreError.methodNotAllowed }
        let api: CheckAPI
        let productIDs: [Int64]
        let fields: FaxStoreFields
        switch endpoint {
        case .single(let segment):
            api = .check
            productIDs = [try FaxStoreInput.productID(segment)]
            fields = try FaxStoreFields(request: request)
        case .v1(let segment):
            api = .v1
            productIDs = [try FaxStoreInput.productID(segment)]
            fields = try FaxStoreFields(request: request)
        case .multiple:
            api = .multiple
            fields = try FaxStoreFields(request: request)
            productIDs = try FaxStoreInput.productIDs(fields.value("proIds"))
        }
        let check = CheckRequest(
            productIDs: productIDs,
            api: api,
            key: FaxStoreInput.key(authorization: request.headers.authorization),
            clientIP: IPAddress(request.remoteAddress),
            userAgent: request.headers.userAgent ?? "",
            info: FaxStoreInput.info(fields.value("info")),
            log: FaxStoreInput.log(fields.value("log"))
        )
        let outcome = try checks.check(check)
        return FaxStoreResponses.decision(outcome, api: api, publicBaseURL: configuration.publicBaseURL(for: request))
    }
}
