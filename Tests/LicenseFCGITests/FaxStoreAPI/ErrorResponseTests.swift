import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore error answers")
struct ErrorResponseTests {
    static let table: [(FaxStoreError, Int, String, String)] = [
        (.invalidJSON, 400, "BAD REQUEST", "Request body is not valid JSON"),
        (.bodyNotAnObject, 400, "BAD REQUEST", "Request body must be a JSON object"),
        (.badProductList, 400, "BAD REQUEST", "proIds must be a non-empty list of product IDs"),
        (.productIDNotInteger, 400, "BAD REQUEST", "Product ID must be an integer"),
        (.bodyTooLarge, 400, "BAD REQUEST", "Request body is larger than 64 KiB"),
        (.methodNotAllowed, 405, "METHOD NOT ALLOWED", "Use POST"),
        (.unknownEndpoint, 404, "NOT FOUND", "Unknown endpoint"),
    ]

    @Test("use the status code and words of the spec, in status, pass, details", arguments: table)
    func words(error: FaxStoreError, status: Int, word: String, details: String) {
        expectFaxStoreBody(FaxStoreResponses.error(error), status: status, word: word, pass: false, details: details)
    }

    @Test("tell the client to use POST on a 405")
    func allowPost() {
        #expect(FaxStoreResponses.error(.methodNotAllowed).header("Allow") == "POST")
    }

    @Test("ask the client to retry in 5 seconds when the database is away")
    func unavailable() {
        let response = FaxStoreResponses.unavailable
        expectFaxStoreBody(
            response,
            status: 503,
            word: "UNAVAILABLE",
            pass: false,
            details: "License server temporarily unavailable"
        )
        #expect(response.header("Retry-After") == "5")
    }

    @Test("say only Internal error on a server fault")
    func internalError() {
        expectFaxStoreBody(
            FaxStoreResponses.internalError,
            status: 500,
            word: "ERROR",
            pass: false,
            details: "Internal error"
        )
    }

    @Test("carry no Allow or Retry-After header where it does not belong", arguments: table.map(\.0))
    func noStrayHeaders(error: FaxStoreError) {
        let response = FaxStoreResponses.error(error)
        #expect((response.header("Allow") != nil) == (error == .methodNotAllowed))
        #expect(response.header("Retry-After") == nil)
    }
}
