import Foundation
import Testing

@Suite("The log switch", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct LogSwitchTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test(
        "writes nothing when log is false in a JSON body",
        arguments: [#"false"#, #""false""#, #"0"#, #""0""#, #""no""#, #"" NO ""#, #""False""#]
    )
    func jsonFalse(value: String) async throws {
        try await expectNotLogged(body: .json(#"{"log": \#(value), "info": "e2e"}"#))
    }

    @Test("writes nothing when log is false in a form body", arguments: ["false", "0", "no", "+NO+", "FALSE"])
    func formFalse(value: String) async throws {
        try await expectNotLogged(body: .form("log=\(value)&info=e2e"))
    }

    @Test("writes nothing when log is false in the query string")
    func queryFalse() async throws {
        try await expectNotLogged(query: "?log=false")
    }

    @Test("writes nothing for a refusal when log is false")
    func refusalNotLogged() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "disabled"])
        let response = try await client.check(product, key: license.licenseKey, body: .json(#"{"log": false}"#))
        expectAnswer(response, .disabledByStaff)
        #expect(try await database.checks(of: product).isEmpty)
        #expect(try await database.counters(of: license) == Counters(totalRequests: 0, lastRequestAt: nil))
    }

    @Test(
        "logs when log is absent, null or any other value",
        arguments: [nil, "null", "true", "1", #""yes""#, #""off""#, #""""#] as [String?]
    )
    func logged(value: String?) async throws {
        let (product, license) = try await cli.licensedProduct()
        let body = value.map { #"{"log": \#($0)}"# } ?? "{}"
        let response = try await client.check(product, key: license.licenseKey, body: .json(body))
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).count == 1, "one log row for log \(value ?? "absent")")
        #expect(try await database.counters(of: license).totalRequests == 1)
    }

    @Test("lets a log value in the body win over one in the query string")
    func bodyWins() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(
            product,
            key: license.licenseKey,
            query: "?log=true",
            body: .form("log=false")
        )
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).isEmpty)
    }

    /// Checks a fresh license and expects an AUTHORISED answer, no log row and untouched counters.
    private func expectNotLogged(
        query: String = "",
        body: RequestBody = .none,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey, query: query, body: body)
        expectAnswer(response, .authorised(), sourceLocation: sourceLocation)
        #expect(
            try await database.checks(of: product).isEmpty,
            "no log row with log false",
            sourceLocation: sourceLocation
        )
        #expect(
            try await database.counters(of: license) == Counters(totalRequests: 0, lastRequestAt: nil),
            "counters untouched with log false",
            sourceLocation: sourceLocation
        )
    }
}
