import Foundation
import Testing

@Suite("Check log and counters", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct CheckLogTests {
    let cli = CLI.stack
    let client = HTTPSClient.main
    let database = Database.stack

    @Test("logs a check with its license, product, result, api and the caller's IP")
    func logsCheck() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(
            product,
            key: license.licenseKey,
            headers: ["User-Agent": "e2e-\(license.id)"]
        )
        expectAnswer(response, .authorised())
        let rows = try await database.checks(of: product)
        let expected = CheckRow(
            licenseID: license.id,
            productID: product.id,
            requestedProductIDs: nil,
            ip: "127.0.0.1",
            userAgent: "e2e-\(license.id)",
            // faxstore.md does not say how a check without info stores it (the schema keeps '' rather than NULL).
            info: rows.first?.info,
            result: "AUTHORISED",
            api: "check"
        )
        #expect(rows == [expected])
    }

    @Test("counts every logged check and records when the last one came")
    func countsChecks() async throws {
        let (product, license) = try await cli.licensedProduct()
        for _ in 1...3 {
            expectAnswer(try await client.check(product, key: license.licenseKey), .authorised())
        }
        #expect(try await database.counters(of: license).totalRequests == 3)
        let recent = try await database.value(
            "select last_request_at > now() - interval '2 minutes' from licenses where id = \(license.id)"
        )
        #expect(recent == "t", "last_request_at is set to the time of the check")
        #expect(try await database.checks(of: license).count == 3)
    }

    @Test("logs and counts a refusal of a known license")
    func logsRefusal() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "disabled"])
        expectAnswer(try await client.check(product, key: license.licenseKey), .disabledByStaff)
        let rows = try await database.checks(of: product)
        #expect(rows.map(\.licenseID) == [license.id])
        #expect(rows.map(\.result) == ["KEY DISABLED"])
        #expect(try await database.counters(of: license).totalRequests == 1)
    }

    @Test("logs an unknown key with its product and no license")
    func logsUnknownKey() async throws {
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.check(product, key: randomKey()), .keyNotFound)
        let rows = try await database.checks(of: product)
        #expect(rows.count == 1)
        #expect(rows.first?.licenseID == nil)
        #expect(rows.first?.result == "NOT FOUND")
        #expect(rows.first?.api == "check")
        #expect(try await database.counters(of: license).totalRequests == 0, "only a resolved license is counted")
    }

    @Test("logs a check of an unknown product with no license")
    func logsUnknownProduct() async throws {
        let (_, license) = try await cli.licensedProduct()
        let info = UUID().uuidString
        let response = try await client.send(
            "POST",
            "/api/check/9223372036854775806",
            key: license.licenseKey,
            body: .json(#"{"info": "\#(info)"}"#)
        )
        expectAnswer(response, .productNotFound)
        let rows = try await database.checks(withInfo: info)
        #expect(rows.count == 1)
        #expect(rows.first?.licenseID == nil)
        #expect(rows.first?.result == "NOT FOUND")
        #expect(try await database.counters(of: license).totalRequests == 0)
    }

    @Test("stores info truncated to 1000 characters")
    func truncatesInfo() async throws {
        let (product, license) = try await cli.licensedProduct()
        let info = String(repeating: "0123456789", count: 150)
        let response = try await client.check(product, key: license.licenseKey, body: .json(#"{"info":"\#(info)"}"#))
        expectAnswer(response, .authorised())
        let stored = try await database.checks(of: license).first?.info
        #expect(stored == String(info.prefix(1000)))
    }

    @Test("counts the info limit in characters, not bytes")
    func truncatesInfoByCharacters() async throws {
        let (product, license) = try await cli.licensedProduct()
        let info = String(repeating: "é", count: 1500)
        let response = try await client.check(product, key: license.licenseKey, body: .json(#"{"info":"\#(info)"}"#))
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).first?.info == String(repeating: "é", count: 1000))
    }

    @Test("neither logs against nor counts the license whose key was presented for another product")
    func otherProductNotCounted() async throws {
        let (_, license) = try await cli.licensedProduct()
        let other = try await cli.createProduct()
        expectAnswer(try await client.check(other, key: license.licenseKey), .keyNotFound)
        let rows = try await database.checks(of: other)
        #expect(rows.map(\.licenseID) == [nil], "one row for the other product, with no license")
        #expect(try await database.checks(of: license).isEmpty)
        #expect(try await database.counters(of: license) == Counters(totalRequests: 0, lastRequestAt: nil))
    }

    @Test(
        "stores a non-string info as compact JSON text",
        arguments: [
            ("[1, \"two\", true, null]", "[1,\"two\",true,null]"),
            ("{ \"build\" : 7 }", "{\"build\":7}"),
            ("42", "42"),
            ("true", "true"),
        ]
    )
    func nonStringInfo(sent: String, stored: String) async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey, body: .json(#"{"info": \#(sent)}"#))
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).first?.info == stored)
    }

    @Test("stores the User-Agent")
    func storesUserAgent() async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = "FaxStore-Client/1.9 (\(UUID().uuidString))"
        let response = try await client.check(product, key: license.licenseKey, headers: ["User-Agent": agent])
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).first?.userAgent == agent)
    }

    @Test("stores the User-Agent truncated to 512 characters")
    func truncatesUserAgent() async throws {
        let (product, license) = try await cli.licensedProduct()
        let agent = String(repeating: "abcdefgh", count: 80)
        let response = try await client.check(product, key: license.licenseKey, headers: ["User-Agent": agent])
        expectAnswer(response, .authorised())
        #expect(try await database.checks(of: license).first?.userAgent == String(agent.prefix(512)))
    }

    @Test("never stores the presented key, known or unknown, in any column")
    func neverStoresKey() async throws {
        let (product, license) = try await cli.licensedProduct()
        let unknown = randomKey()
        let keys = [license.licenseKey, unknown]
        for key in keys {
            _ = try await client.check(product, key: "Bearer \(key.uppercased())", headers: ["User-Agent": "e2e"])
        }
        #expect(try await database.checks(of: product).count == 2)
        for key in keys {
            let hits = try await database.integer(
                "select count(*) from license_checks c where strpos(lower(c::text), \(Database.literal(key))) > 0"
            )
            #expect(hits == 0, "a check-log row contains the key ending \(key.suffix(4))")
        }
    }
}
