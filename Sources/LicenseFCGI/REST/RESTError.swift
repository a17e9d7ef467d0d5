import Domain

/// Every way a REST request fails, and the one place where failures become HTTP answers (fluentcart.md §5).
enum RESTError: Error, Sendable {
    /// No credentials, wrong credentials, or credentials over plain HTTP: one answer for all, so it never says which.
    case notLoggedIn
    /// Authenticated, without the capability the route needs.
    case forbidden
    case noRoute
    case invalidJSON
    case tooLarge
    case internalError
    case unavailable
    /// FluentCart's refusal: `{"message": …}` (a string, or an object on `deactivate_site`) with 404, 422 or 423.
    case refusal(status: Int, message: JSONValue)
    /// FluentCart's validation failure: 422 with a map from field to rule to message (or to a list of messages).
    case validation(JSONObject)
    /// A body of its own shape, e.g. the entity-not-found answer of `GET licenses/{id}`.
    case body(status: Int, JSONValue)

    static func refusal(_ status: Int, _ message: String) -> RESTError {
        .refusal(status: status, message: .string(message))
    }

    var response: HTTPResponse {
        switch self {
        case .notLoggedIn:
            return Self.envelope(
                "rest_not_logged_in",
                "You are not currently logged in.",
                status: 401,
                headers: [("WWW-Authenticate", #"Basic realm="fluent-cart""#)]
            )
        case .forbidden:
            return Self.envelope("rest_forbidden", "Sorry, you are not allowed to do that.", status: 403)
        case .noRoute:
            return Self.envelope(
                "rest_no_route",
                "No route was found matching the URL and request method.",
                status: 404
            )
        case .invalidJSON:
            return Self.envelope("rest_invalid_json", "Invalid JSON body passed.", status: 400)
        case .tooLarge:
            return Self.envelope("rest_request_too_large", "Request body is too large.", status: 413)
        case .internalError:
            return Self.envelope("internal_error", "Internal server error.", status: 500)
        case .unavailable:
            return Self.envelope(
                "service_unavailable",
                "Service temporarily unavailable.",
                status: 503,
                headers: [("Retry-After", "5")]
            )
        case .refusal(let status, let message):
            return RESTResponse.json(.object(["message": message]), status: status)
        case .validation(let fields):
            return RESTResponse.json(.object(fields), status: 422)
        case .body(let status, let value):
            return RESTResponse.json(value, status: status)
        }
    }

    /// WordPress's error envelope.
    static func envelope(
        _ code: String,
        _ message: String,
        status: Int,
        headers: [(String, String)] = []
    )
        -> HTTPResponse
    {
        RESTResponse.json(
            .object([
                "code": .string(code), "message": .string(message),
                "data": .object(["status": .integer(Int64(status))]),
            ]),
            status: status,
            headers: headers
        )
    }
}
