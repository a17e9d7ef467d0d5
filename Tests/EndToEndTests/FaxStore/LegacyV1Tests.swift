import Foundation
import Testing

/// Runs against the second stack, started with `--faxstore-v1` (`faxstore.md` §8).
@Suite("Legacy V1 check", .enabled(if: Stack.hasV1Stack, "set by scripts/test.sh"))
struct LegacyV1Tests {
    let cli = CLI.stack
    let client = HTTPSClient.v1
    let database = Database.stack

    @Test("authorises a valid key with FaxStore V1's success body")
    func authorises() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkItem(
            product,
            key: license.licenseKey,
            headers: ["User-Agent": "*", "Accept": "application/json, text/plain, */*"]
        )
        expectAnswer(response, .v1Authorised)
    }

    @Test("needs neither the old User-Agent nor the old Accept header")
    func plainRequest() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkItem(product, key: license.licenseKey, body: .form("info=plain"))
        expectAnswer(response, .v1Authorised)
    }

    @Test("answers refusals with the statuses and texts of the single check")
    func refusals() async throws {
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.checkItem(product, key: randomKey()), .keyNotFound)

        _ = try await cli.setLicense(license, ["--owner-enabled", "off"])
        expectAnswer(try await client.checkItem(product, key: license.licenseKey), .notActive)

        _ = try await cli.setLicense(license, ["--status", "disabled"])
        expectAnswer(try await client.checkItem(product, key: license.licenseKey), .disabledByStaff)
    }

    @Test("answers NOT FOUND for a product that does not exist")
    func unknownProduct() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await client.send("POST", "/api/checkitem/9223372036854775807", key: license.licenseKey)
        expectAnswer(response, .productNotFound)
    }

    @Test("answers NOT AUTHORISED for an IP-locked key from another address")
    func ipMismatch() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        let response = try await client.checkItem(product, key: license.licenseKey)
        expectAnswer(response, .ipMismatch(requestIP: "127.0.0.1"))
    }

    @Test("logs its checks with api v1 and counts them")
    func logsV1() async throws {
        let (product, license) = try await cli.licensedProduct()
        expectAnswer(try await client.checkItem(product, key: license.licenseKey), .v1Authorised)
        let rows = try await database.checks(of: license)
        #expect(rows.map(\.api) == ["v1"])
        #expect(rows.map(\.result) == ["OK"] || rows.map(\.result) == ["AUTHORISED"], "result \(rows)")
        #expect(rows.first?.productID == product.id)
        #expect(try await database.counters(of: license).totalRequests == 1)
    }

    @Test("writes nothing when log is false")
    func notLogged() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.checkItem(product, key: license.licenseKey, body: .json(#"{"log": false}"#))
        expectAnswer(response, .v1Authorised)
        #expect(try await database.checks(of: license).isEmpty)
    }

    @Test("answers 405 to GET")
    func getRefused() async throws {
        let (product, _) = try await cli.licensedProduct()
        let response = try await client.send("GET", "/api/checkitem/\(product.id)")
        expectAnswer(response, .methodNotAllowed, httpStatus: 405)
        #expect(response.header("Allow") == "POST")
    }
}
