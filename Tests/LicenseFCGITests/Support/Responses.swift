import Domain
import Testing

@testable import LicenseFCGI

extension HTTPResponse {
    /// The value of the first header called `name`, ignoring case.
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body parsed as JSON; nil, with an issue recorded at the caller, when it is not JSON.
    func json(sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        do {
            return try JSONParser.parse(body)
        } catch {
            Issue.record("body is not JSON: \(String(decoding: body, as: UTF8.self))", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The keys of the JSON object body, in order.
    func keys(sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        guard case .object(let object)? = json(sourceLocation: sourceLocation) else { return [] }
        return object.keys
    }
}

/// Expects a FaxStore JSON answer with `status`, `pass` and `details` exactly, in that order.
func expectFaxStoreBody(
    _ response: HTTPResponse,
    status: Int,
    word: String,
    pass: Bool,
    details: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(
        response.json(sourceLocation: sourceLocation)
            == .object(["status": .string(word), "pass": .bool(pass), "details": .string(details)]),
        sourceLocation: sourceLocation
    )
    #expect(response.header("Content-Type") == "application/json; charset=utf-8", sourceLocation: sourceLocation)
    #expect(response.header("Cache-Control") == "no-store", sourceLocation: sourceLocation)
}
