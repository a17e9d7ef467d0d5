import Domain
import Foundation
import Logging

/// Dispatches FluentCart's REST API (fluentcart.md §5): matches the route, authenticates the application password,
/// checks the capability, reads the parameters, runs the handler, and maps every failure to its answer.
struct RESTRouter {
    let routes: [RESTRoute]
    let authenticator: Authenticator
    let database: Database
    let configuration: ServerConfiguration
    let expiry: Expiry

    /// The namespace every route lives under.
    static let namespace = "fluent-cart/v2"

    /// `route` is the part after `/wp-json/fluent-cart/v2/` (or `rest_route=/fluent-cart/v2/`).
    func respond(to request: HTTPRequest, route: String, logger: Logger) -> HTTPResponse {
        var segments = route.split(separator: "/", omittingEmptySubsequences: false)
        while segments.last == "" { segments.removeLast() }
        let matches = routes.compactMap { candidate in candidate.match(segments).map { (candidate, $0) } }
        guard let (matched, path) = matches.first(where: { $0.0.method == request.method.uppercased() }) else {
            return RESTError.noRoute.response
        }
        do {
            let caller = try authenticate(request)
            guard matched.permission.allows(caller.role) else { throw RESTError.forbidden }
            let context = RESTContext(
                request: request,
                parameters: try RESTParameters(request: request, path: path),
                caller: caller,
                // A GET changes nothing, so it may read from the replicas (DATABASE_READ_URL).
                database: matched.method == "GET" ? database.reading : database,
                configuration: configuration,
                expiry: expiry,
                logger: logger,
                restBase: configuration.publicBaseURL(for: request) + "/wp-json/" + Self.namespace
            )
            return try matched.handler(context)
        } catch let error as RESTError {
            return error.response
        } catch let error as PostgresError where error.meansUnavailable {
            logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return RESTError.unavailable.response
        } catch let error as DomainError {
            switch error.code {
            case .invalidInput: return RESTError.refusal(422, error.message).response
            case .notFound: return RESTError.refusal(404, error.message).response
            case .conflict: return RESTError.refusal(409, error.message).response
            default:
                logger.error("REST request failed", metadata: ["route": "\(matched.template)", "error": "\(error)"])
                return RESTError.internalError.response
            }
        } catch {
            logger.error(
                "REST request failed",
                metadata: ["route": "\(matched.template)", "error": "\(String(reflecting: error))"]
            )
            return RESTError.internalError.response
        }
    }

    /// Application passwords over HTTP Basic, only on HTTPS, as WordPress accepts them (§5.1).
    private func authenticate(_ request: HTTPRequest) throws -> Caller {
        guard request.scheme == "https", let credentials = Self.basicCredentials(request.headers.authorization) else {
            throw RESTError.notLoggedIn
        }
        guard
            let caller = try authenticator.authenticate(
                login: credentials.login,
                password: ApplicationPassword(credentials.password)
            )
        else { throw RESTError.notLoggedIn }
        return caller
    }

    /// `Basic base64(login:password)`; nil when the header is anything else.
    static func basicCredentials(_ header: String?) -> (login: String, password: String)? {
        guard let header = header?.trimmingWhitespace, header.count > 6, header.prefix(6).lowercased() == "basic "
        else { return nil }
        guard let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingWhitespace),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
