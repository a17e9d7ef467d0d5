import Foundation
import Testing

/// Every bad request carries a unique User-Agent, so that the tests can prove it wrote no log row.
@Suite("Bad input", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct BadInputTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test(
        "answers 400 to a body that is not valid JSON",
        arguments: [
            RequestBody.json(#"{"info": "#), .json("not json"),
            .raw(Data(#"{"info": 'single quotes'}"#.utf8), contentType: nil),
        ]
    )
    func invalidJSON(body: RequestBody) async throws {
        try await expectRefusedWithoutLog(body: body, .invalidJSON, httpStatus: 400)
    }

    @Test(
        "answers 400 to a JSON body that is not an object",
        arguments: [#"[1, 2]"#, #""text""#, "42", "null", "true"]
    )
    func notAnObject(body: String) async throws {
        try await expectRefusedWithoutLog(body: .json(body), .notAnObject, httpStatus: 400)
    }

    @Test(
        "answers 400 to a product ID that is not an integer within int64",
        arguments: ["abc", "12a", "-1", "1.5", "+1", "9223372036854775808", "99999999999999999999"]
    )
    func badProductID(id: String) async throws {
        let (_, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        let response = try await client.send(
            "POST",
            "/api/check/\(id)",
            key: license.licenseKey,
            headers: ["User-Agent": agent]
        )
        expectAnswer(response, .badProductID, httpStatus: 400)
        try await expectNoLog(agent: agent, license: license)
    }

    @Test("accepts a body of exactly 64 KiB")
    func bodyAtLimit() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey, body: .json(paddedJSON(bytes: 65_536)))
        expectAnswer(response, .authorised())
    }

    @Test("answers 400 to a body one byte over 64 KiB")
    func bodyOverWorkerLimit() async throws {
        try await expectRefusedWithoutLog(body: .json(paddedJSON(bytes: 65_537)), .bodyOver64KiB, httpStatus: 400)
    }

    @Test("answers 413 from nginx, as JSON, to a body over 1 MiB")
    func bodyOverNginxLimit() async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        let response = try await client.check(
            product,
            key: license.licenseKey,
            headers: ["User-Agent": agent],
            body: .json(paddedJSON(bytes: 1_048_576 + 1024))
        )
        #expect(response.status == 413, "\(response)")
        expectJSONBody(response)
        #expect(response.decision == .bodyTooLarge, "\(response)")
        try await expectNoLog(agent: agent, license: license)
    }

    @Test("answers 405 with Allow: POST to other methods", arguments: ["GET", "PUT", "DELETE", "PATCH"])
    func otherMethods(method: String) async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        for path in ["/api/check/\(product.id)", "/api/check/multiple"] {
            let response = try await client.send(method, path, key: license.licenseKey, headers: ["User-Agent": agent])
            expectAnswer(response, .methodNotAllowed, httpStatus: 405)
            #expect(response.header("Allow") == "POST", "Allow header of \(method) \(path)")
        }
        try await expectNoLog(agent: agent, license: license)
    }

    @Test(
        "answers 404 Unknown endpoint to other paths under /api/, including V1 while it is off",
        arguments: ["/api/nothing", "/api/check/1/extra", "/api/checkitem/1", "/api/v2/check/1"]
    )
    func unknownEndpoint(path: String) async throws {
        let (_, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        let response = try await client.send("POST", path, key: license.licenseKey, headers: ["User-Agent": agent])
        expectAnswer(response, .unknownEndpoint, httpStatus: 404)
        try await expectNoLog(agent: agent, license: license)
    }

    @Test("answers 404 Unknown endpoint to the V1 path of a real product while V1 is off")
    func v1Off() async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        let response = try await client.checkItem(product, key: license.licenseKey, headers: ["User-Agent": agent])
        expectAnswer(response, .unknownEndpoint, httpStatus: 404)
        try await expectNoLog(agent: agent, license: license)
    }

    @Test("answers 404 JSON, never HTML, to a path outside the APIs", arguments: ["GET", "POST"])
    func unknownPath(method: String) async throws {
        let response = try await client.send(method, "/nope-\(UUID().uuidString)")
        #expect(response.status == 404)
        expectJSONBody(response)
        #expect(response.json?["code"] as? String == "not_found", "\(response)")
        #expect(response.json?["message"] as? String == "Not found.", "\(response)")
    }

    /// Checks a fresh license with `body` and expects the refusal, no log row and untouched counters.
    private func expectRefusedWithoutLog(
        body: RequestBody,
        _ expected: Decision,
        httpStatus: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = uniqueAgent()
        let response = try await client.check(
            product,
            key: license.licenseKey,
            headers: ["User-Agent": agent],
            body: body
        )
        expectAnswer(response, expected, httpStatus: httpStatus, sourceLocation: sourceLocation)
        try await expectNoLog(agent: agent, license: license, sourceLocation: sourceLocation)
    }

    private func expectNoLog(
        agent: String,
        license: License,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(
            try await database.checks(withUserAgent: agent).isEmpty,
            "a bad request writes no log row",
            sourceLocation: sourceLocation
        )
        #expect(
            try await database.counters(of: license) == Counters(totalRequests: 0, lastRequestAt: nil),
            "a bad request touches no counter",
            sourceLocation: sourceLocation
        )
    }

    private func uniqueAgent() -> String {
        "e2e-bad-input-\(UUID().uuidString)"
    }
}

/// A JSON object of exactly `bytes` bytes, padded in `info`. It asks for a log row, so that a body the server
/// wrongly accepted would show in the log.
func paddedJSON(bytes: Int) -> String {
    let frame = #"{"info":""}"#
    return #"{"info":"\#(String(repeating: "x", count: bytes - frame.utf8.count))"}"#
}
