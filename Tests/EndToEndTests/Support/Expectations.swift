import Foundation
import Testing

/// Expects a FaxStore answer: the HTTP status, exactly the expected body (no key more or less), and the headers
/// every FaxStore answer carries.
func expectAnswer(
    _ response: HTTPResponse,
    _ expected: Decision,
    httpStatus: Int = 200,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == httpStatus, "HTTP status of \(response)", sourceLocation: sourceLocation)
    #expect(response.decision == expected, "body of \(response)", sourceLocation: sourceLocation)
    let keys = expected.proId == nil ? ["details", "pass", "status"] : ["details", "pass", "proId", "status"]
    #expect(response.jsonKeys == keys, "keys of \(response)", sourceLocation: sourceLocation)
    expectFaxStoreHeaders(response, sourceLocation: sourceLocation)
}

/// Expects `Content-Type: application/json; charset=utf-8` and `Cache-Control: no-store` (`faxstore.md` §1).
func expectFaxStoreHeaders(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    let contentType = response.header("Content-Type")?.lowercased().replacingOccurrences(of: " ", with: "")
    #expect(
        contentType == "application/json;charset=utf-8",
        "Content-Type \(response.header("Content-Type") ?? "missing")",
        sourceLocation: sourceLocation
    )
    #expect(
        response.header("Cache-Control") == "no-store",
        "Cache-Control \(response.header("Cache-Control") ?? "missing")",
        sourceLocation: sourceLocation
    )
}

/// Expects a JSON body, never nginx's HTML page.
func expectJSONBody(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        response.header("Content-Type")?.lowercased().hasPrefix("application/json") == true,
        "Content-Type \(response.header("Content-Type") ?? "missing") of \(response)",
        sourceLocation: sourceLocation
    )
    #expect(response.json != nil, "body is a JSON object: \(response)", sourceLocation: sourceLocation)
}
