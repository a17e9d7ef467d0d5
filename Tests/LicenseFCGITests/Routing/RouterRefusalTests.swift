import Testing

@testable import LicenseFCGI

/// Requests the router and the FaxStore handler refuse before any query, so no database is needed.
@Suite("Requests refused before the database")
struct RouterRefusalTests {
    @Test(
        "answers an unknown path under /api/ with the FaxStore 404",
        arguments: [
            "/api/other", "/api/check", "/api/checkitem/5", "/api",
        ]
    )
    func unknownEndpoint(path: String) {
        let response = makeRouter().respond(to: request(path: path), logger: testLogger)
        expectFaxStoreBody(response, status: 404, word: "NOT FOUND", pass: false, details: "Unknown endpoint")
    }

    @Test("matches FaxStore paths ignoring case")
    func caseInsensitivePath() {
        let response = makeRouter().respond(to: request(method: "GET", path: "/API/Check/5"), logger: testLogger)
        #expect(response.status == 405)
    }

    @Test("refuses every method but POST", arguments: ["GET", "PUT", "DELETE", "HEAD"])
    func methodNotAllowed(method: String) {
        let response = makeRouter().respond(to: request(method: method, path: "/api/check/5"), logger: testLogger)
        expectFaxStoreBody(response, status: 405, word: "METHOD NOT ALLOWED", pass: false, details: "Use POST")
        #expect(response.header("Allow") == "POST")
    }

    @Test("refuses a product ID that is not an integer", arguments: ["/api/check/abc", "/api/check/-1"])
    func badProductID(path: String) {
        let response = makeRouter().respond(to: request(path: path), logger: testLogger)
        expectFaxStoreBody(
            response,
            status: 400,
            word: "BAD REQUEST",
            pass: false,
            details: "Product ID must be an integer"
        )
    }

    @Test("refuses a multiple check without proIds")
    func missingProductList() {
        let response = makeRouter().respond(to: request(path: "/api/check/multiple"), logger: testLogger)
        expectFaxStoreBody(
            response,
            status: 400,
            word: "BAD REQUEST",
            pass: false,
            details: "proIds must be a non-empty list of product IDs"
        )
    }

    @Test("refuses invalid JSON")
    func invalidJSON() {
        let response = makeRouter().respond(
            to: request(path: "/api/check/5", contentType: "application/json", body: "{"),
            logger: testLogger
        )
        expectFaxStoreBody(
            response,
            status: 400,
            word: "BAD REQUEST",
            pass: false,
            details: "Request body is not valid JSON"
        )
    }

    @Test("answers a request without a usable key as an unknown key", arguments: [nil, "", "short"] as [String?])
    func noKey(authorization: String?) {
        let response = makeRouter().respond(
            to: request(path: "/api/check/5", authorization: authorization),
            logger: testLogger
        )
        expectFaxStoreBody(
            response,
            status: 200,
            word: "NOT FOUND",
            pass: false,
            details: "Unauthorised - license key not found"
        )
    }

    @Test("answers other paths with a JSON 404", arguments: ["/", "/wp-json/x", "/index.php"])
    func otherPaths(path: String) {
        let response = makeRouter().respond(to: request(path: path), logger: testLogger)
        #expect(response.status == 404)
        #expect(response.header("Content-Type")?.lowercased() == "application/json; charset=utf-8")
    }
}
