import Foundation
import Testing

/// The ways a client may send `proIds` (`faxstore.md` §2).
enum ProductIDsForm: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case jsonIntegers, jsonNumericStrings, formBrackets, formIndexed, commaList, queryCommaList, queryBrackets

    var testDescription: String { rawValue }

    /// The query string and body carrying `ids`.
    func request(_ ids: [Int64]) -> (query: String, body: RequestBody) {
        let numbers = ids.map(String.init)
        switch self {
        case .jsonIntegers:
            return ("", .json(#"{"proIds": [\#(numbers.joined(separator: ", "))]}"#))
        case .jsonNumericStrings:
            return ("", .json(#"{"proIds": [\#(numbers.map { "\"\($0)\"" }.joined(separator: ", "))]}"#))
        case .formBrackets:
            return ("", .form(numbers.map { "proIds%5B%5D=\($0)" }.joined(separator: "&")))
        case .formIndexed:
            let fields = numbers.enumerated().map { "proIds[\($0.offset)]=\($0.element)" }
            return ("", .form(fields.joined(separator: "&")))
        case .commaList:
            return ("", .form("proIds=\(numbers.joined(separator: ","))"))
        case .queryCommaList:
            return ("?proIds=\(numbers.joined(separator: ","))", .none)
        case .queryBrackets:
            return ("?" + numbers.map { "proIds[]=\($0)" }.joined(separator: "&"), .none)
        }
    }
}

extension RequestBody: CustomTestStringConvertible {
    var testDescription: String {
        switch self {
        case .none: "no body"
        case .json(let text): "JSON \(text)"
        case .form(let text): "form \(text.isEmpty ? "(empty)" : text)"
        case .raw(let data, let contentType): "\(contentType ?? "no Content-Type") \(data.count) bytes"
        }
    }
}

@Suite("Multiple check", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct MultipleCheckTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("authorises a key of any listed product and names that product", arguments: ProductIDsForm.allCases)
    func authorisesListedProduct(form: ProductIDsForm) async throws {
        let unrelated = try await cli.createProduct()
        let (product, license) = try await cli.licensedProduct()
        let (query, body) = form.request([unrelated.id, product.id])
        let response = try await client.checkMultiple(key: license.licenseKey, query: query, body: body)
        expectAnswer(response, .authorised(proId: product.id))
    }

    @Test("names the matching product wherever it stands in the list")
    func matchFirst() async throws {
        let unrelated = try await cli.createProduct()
        let (product, license) = try await cli.licensedProduct()
        let (query, body) = ProductIDsForm.jsonIntegers.request([product.id, unrelated.id])
        let response = try await client.checkMultiple(key: license.licenseKey, query: query, body: body)
        expectAnswer(response, .authorised(proId: product.id))
    }

    @Test("tolerates a trailing slash")
    func trailingSlash() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.send(
            "POST",
            "/api/check/multiple/",
            key: license.licenseKey,
            body: .json(#"{"proIds": [\#(product.id)]}"#)
        )
        expectAnswer(response, .authorised(proId: product.id))
    }

    @Test("skips product IDs that do not exist")
    func unknownIDsNeverMatch() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [9223372036854775807, \#(product.id)]}"#)
        )
        expectAnswer(response, .authorised(proId: product.id))
    }

    @Test("answers NOT FOUND when only unknown product IDs are listed")
    func onlyUnknownIDs() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [9223372036854775807]}"#)
        )
        expectAnswer(response, .keyNotFound)
    }

    @Test("answers NOT FOUND, without proId, when the key belongs to none of the listed products")
    func keyOfUnlistedProduct() async throws {
        let unrelated = try await cli.createProduct()
        let (_, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [\#(unrelated.id)]}"#)
        )
        expectAnswer(response, .keyNotFound)
    }

    @Test("applies the decision order to the matched license, without proId on a refusal")
    func refusalHasNoProductID() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        let ipResponse = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [\#(product.id)]}"#)
        )
        expectAnswer(ipResponse, .ipMismatch(requestIP: "127.0.0.1"))

        _ = try await cli.setLicense(license, ["--status", "disabled"])
        let disabledResponse = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [\#(product.id)]}"#)
        )
        expectAnswer(disabledResponse, .disabledByStaff)
    }

    @Test("finds the key ignoring case and after a Bearer prefix")
    func keyForms() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: "Bearer \(license.licenseKey.uppercased())",
            body: .form("proIds%5B%5D=\(product.id)&log=false")
        )
        expectAnswer(response, .authorised(proId: product.id))
    }

    @Test(
        "refuses proIds that are missing, empty or not a list of integers",
        arguments: [
            RequestBody.json("{}"), .json(#"{"proIds": []}"#), .json(#"{"proIds": null}"#),
            .json(#"{"proIds": 42}"#), .json(#"{"proIds": ["a"]}"#), .json(#"{"proIds": [1.5]}"#),
            .json(#"{"proIds": ["1.5"]}"#), .json(#"{"proIds": [true]}"#), .json(#"{"proIds": [1, "x"]}"#),
            .json(#"{"proIds": {"a": 1}}"#), .form(""), .form("proIds="), .form("proIds=abc"),
            .form("proIds=1,x"), .form("proIds%5B%5D="), .none,
        ]
    )
    func badProductIDs(body: RequestBody) async throws {
        let (_, license) = try await cli.licensedProduct()
        let agent = "e2e-\(UUID().uuidString)"
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            headers: ["User-Agent": agent],
            body: body
        )
        expectAnswer(response, .badProductIDs, httpStatus: 400)
        #expect(try await database.checks(withUserAgent: agent).isEmpty, "a bad request writes no log row")
        #expect(try await database.counters(of: license).totalRequests == 0)
    }

    @Test("logs the requested IDs and the matched product with api multiple")
    func logsMatch() async throws {
        let unrelated = try await cli.createProduct()
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            body: .json(#"{"proIds": [\#(unrelated.id), \#(product.id)]}"#)
        )
        expectAnswer(response, .authorised(proId: product.id))
        let rows = try await database.checks(of: license)
        #expect(rows.count == 1)
        #expect(rows.first?.api == "multiple")
        #expect(rows.first?.productID == product.id)
        #expect(rows.first?.requestedProductIDs == "{\(unrelated.id),\(product.id)}")
        #expect(rows.first?.result == "AUTHORISED")
        #expect(try await database.counters(of: license).totalRequests == 1)
    }

    @Test("logs an unmatched key with no license and no product")
    func logsMiss() async throws {
        let product = try await cli.createProduct()
        let info = UUID().uuidString
        let response = try await client.checkMultiple(
            key: randomKey(),
            body: .json(#"{"proIds": [\#(product.id)], "info": "\#(info)"}"#)
        )
        expectAnswer(response, .keyNotFound)
        let rows = try await database.checks(withInfo: info)
        #expect(rows.count == 1)
        #expect(rows.first?.licenseID == nil)
        #expect(rows.first?.productID == nil)
        #expect(rows.first?.requestedProductIDs == "{\(product.id)}")
        #expect(rows.first?.api == "multiple")
        #expect(rows.first?.result == "NOT FOUND")
    }

    @Test("writes nothing when log is false")
    func notLogged() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkMultiple(
            key: license.licenseKey,
            body: .form("proIds%5B%5D=\(product.id)&log=no")
        )
        expectAnswer(response, .authorised(proId: product.id))
        #expect(try await database.checks(of: license).isEmpty)
        #expect(try await database.counters(of: license).totalRequests == 0)
    }
}
