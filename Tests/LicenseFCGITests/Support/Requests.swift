import Domain
import Testing

@testable import LicenseFCGI

/// A request as the FastCGI edge would decode it; only what a test names differs from a plain POST.
func request(
    method: String = "POST",
    path: String = "/api/check/multiple",
    query: String = "",
    contentType: String? = nil,
    body: String = "",
    bodyTruncated: Bool = false,
    authorization: String? = nil
) -> HTTPRequest {
    request(
        method: method,
        path: path,
        query: query,
        contentType: contentType,
        bytes: Array(body.utf8),
        bodyTruncated: bodyTruncated,
        authorization: authorization
    )
}

func request(
    method: String = "POST",
    path: String = "/api/check/multiple",
    query: String = "",
    contentType: String? = nil,
    bytes: [UInt8],
    bodyTruncated: Bool = false,
    authorization: String? = nil
) -> HTTPRequest {
    HTTPRequest(
        method: method,
        path: path,
        query: query,
        headers: .init(
            authorization: authorization,
            contentType: contentType,
            userAgent: "curl/8",
            host: "licenses.test"
        ),
        remoteAddress: "203.0.113.7",
        scheme: "https",
        body: bytes,
        bodyTruncated: bodyTruncated
    )
}

/// The fields of `request`, recording an issue at the caller when they are refused.
func parsedFields(_ request: HTTPRequest, sourceLocation: SourceLocation = #_sourceLocation) -> FaxStoreFields? {
    do {
        return try FaxStoreFields(request: request)
    } catch {
        Issue.record("fields refused: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Expects the fields of `request` to be refused with `error`.
func expectRefused(
    _ request: HTTPRequest,
    with error: FaxStoreError,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(throws: error, sourceLocation: sourceLocation) { try FaxStoreFields(request: request) }
}

/// The product IDs `fields` carry, or nil when `proIds` is refused.
func productIDs(_ fields: FaxStoreFields?) -> [Int64]? {
    guard let fields else { return nil }
    return try? FaxStoreInput.productIDs(fields.value("proIds"))
}
