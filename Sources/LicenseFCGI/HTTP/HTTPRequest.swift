/// A request as the router sees it: plain values, decoded once at the FastCGI edge.
struct HTTPRequest: Sendable {
    var method: String
    /// The path without the query string, as nginx received it.
    var path: String
    var query: String
    var headers: Headers
    /// The client address nginx saw (`REMOTE_ADDR`, after its realip module); never a forwarded header.
    var remoteAddress: String
    /// `https` when nginx terminated TLS.
    var scheme: String
    var body: [UInt8]
    /// More body arrived than the worker reads (`HTTPRequest.maximumBodySize`).
    var bodyTruncated: Bool

    /// Largest body a worker reads; nginx refuses larger ones itself (`client_max_body_size 1m`).
    static let maximumBodySize = 1 << 20

    /// The request headers the handlers use, read from the FastCGI `HTTP_*` parameters.
    struct Headers: Sendable {
        var authorization: String?
        var contentType: String?
        var userAgent: String?
        var host: String?
        var requestID: String?
        /// `X-Signature` and `X-Timestamp` of signed store events (`POST /api/events`).
        var signature: String?
        var timestamp: String?
    }
}

extension HTTPRequest {
    /// Decodes the FastCGI parameters and reads the body.
    init(fastCGI request: FastCGIRequest) {
        method = request.parameter("REQUEST_METHOD") ?? "GET"
        let uri = request.parameter("REQUEST_URI") ?? request.parameter("DOCUMENT_URI") ?? "/"
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            query = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            query = request.parameter("QUERY_STRING") ?? ""
        }
        headers = Headers(
            authorization: request.parameter("HTTP_AUTHORIZATION"),
            contentType: request.parameter("CONTENT_TYPE"),
            userAgent: request.parameter("HTTP_USER_AGENT"),
            host: request.parameter("HTTP_HOST"),
            requestID: request.parameter("REQUEST_ID"),
            signature: request.parameter("HTTP_X_SIGNATURE"),
            timestamp: request.parameter("HTTP_X_TIMESTAMP")
        )
        remoteAddress = request.parameter("REMOTE_ADDR") ?? ""
        let https = request.parameter("HTTPS")?.lowercased()
        scheme = (https == "on" || https == "1") ? "https" : (request.parameter("REQUEST_SCHEME") ?? "http")
        let declared = Int(request.parameter("CONTENT_LENGTH") ?? "") ?? 0
        (body, bodyTruncated) = request.readBody(declaredLength: declared, limit: Self.maximumBodySize)
    }
}
