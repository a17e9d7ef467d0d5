import Foundation
import Testing

/// Each test sends a unique `info` and finds it again in the check log, which proves where the field was read from.
@Suite("Check inputs", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckInputTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("reads fields from a JSON body")
    func jsonBody() async throws {
        let info = UUID().uuidString
        try await expectLoggedInfo(info, body: .json(#"{"info": "\#(info)"}"#))
    }

    @Test("reads fields from a form body, decoding percent escapes and plus signs")
    func formBody() async throws {
        let unique = UUID().uuidString
        try await expectLoggedInfo("server #3 \(unique)", body: .form("info=server+%233%20\(unique)"))
    }

    @Test("reads fields from the query string")
    func queryString() async throws {
        let info = UUID().uuidString
        try await expectLoggedInfo(info, query: "?info=\(info)")
    }

    @Test(
        "parses a body without a usable Content-Type as JSON when it starts with a brace",
        arguments: [nil, "text/plain"] as [String?]
    )
    func bracedBodyIsJSON(contentType: String?) async throws {
        let info = UUID().uuidString
        let body = Data(" \n{\"info\": \"\(info)\"}".utf8)
        try await expectLoggedInfo(info, body: .raw(body, contentType: contentType))
    }

    @Test(
        "parses a body without a usable Content-Type as a form otherwise",
        arguments: [nil, "text/plain"] as [String?]
    )
    func otherBodyIsForm(contentType: String?) async throws {
        let info = UUID().uuidString
        try await expectLoggedInfo(info, body: .raw(Data("info=\(info)".utf8), contentType: contentType))
    }

    @Test("reads a JSON body whose Content-Type has a charset parameter")
    func jsonWithCharset() async throws {
        let info = "Grüße \(UUID().uuidString)"
        try await expectLoggedInfo(
            info,
            body: .raw(Data(#"{"info": "\#(info)"}"#.utf8), contentType: "application/json; charset=utf-8")
        )
    }

    @Test("takes a field from the query string when the body lacks it")
    func queryFillsIn() async throws {
        let info = UUID().uuidString
        try await expectLoggedInfo(info, query: "?info=\(info)", body: .json(#"{"log": true}"#))
    }

    @Test("lets the body win over the query string")
    func bodyWins() async throws {
        let fromQuery = UUID().uuidString
        let fromBody = UUID().uuidString
        try await expectLoggedInfo(fromBody, query: "?info=\(fromQuery)", body: .form("info=\(fromBody)"))
        #expect(try await database.checks(withInfo: fromQuery).isEmpty, "the query's info was not stored")
    }

    @Test("ignores the fields of a multipart body")
    func multipartIgnored() async throws {
        let (product, license) = try await cli.licensedProduct()
        let info = UUID().uuidString
        let boundary = "e2e\(UUID().uuidString)"
        let body = [
            "--\(boundary)", #"Content-Disposition: form-data; name="log""#, "", "false",
            "--\(boundary)", #"Content-Disposition: form-data; name="info""#, "", info,
            "--\(boundary)--", "",
        ].joined(separator: "\r\n")
        let response = try await client.check(
            product,
            key: license.licenseKey,
            body: .raw(Data(body.utf8), contentType: "multipart/form-data; boundary=\(boundary)")
        )
        expectAnswer(response, .authorised())
        let rows = try await database.checks(of: license)
        #expect(rows.count == 1, "log=false in a multipart body is ignored, so the check is logged")
        #expect(rows.first?.info != info, "info in a multipart body is ignored")
    }

    /// Sends a check of a fresh license and expects exactly one log row of that license, carrying `info`.
    private func expectLoggedInfo(
        _ info: String,
        query: String = "",
        body: RequestBody = .none,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey, query: query, body: body)
        expectAnswer(response, .authorised(), sourceLocation: sourceLocation)
        let rows = try await database.checks(of: license)
        #expect(rows.map(\.info) == [info], "info stored in the one log row", sourceLocation: sourceLocation)
    }
}
