import Foundation
import Testing

@Suite("Single check", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct SingleCheckTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("authorises a valid key and names the scheme and host nginx saw, port included")
    func authorisesValidKey() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("names PUBLIC_BASE_URL in the success text when it is set", .enabled(if: Stack.hasV1Stack))
    func namesConfiguredBaseURL() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await HTTPSClient.v1.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised(base: Stack.v1PublicBaseURL))
    }

    @Test("lets both inactive and active licenses pass", arguments: ["inactive", "active"])
    func passingStatuses(status: String) async throws {
        let (product, license) = try await cli.licensedProduct(["--status", status])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("tolerates a trailing slash")
    func trailingSlash() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.send("POST", "/api/check/\(product.id)/", key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("answers NOT FOUND for a product that does not exist, even with a valid key")
    func unknownProduct() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await client.send("POST", "/api/check/9223372036854775807", key: license.licenseKey)
        expectAnswer(response, .productNotFound)
    }

    @Test("answers NOT FOUND for product 0")
    func productZero() async throws {
        let (_, license) = try await cli.licensedProduct()
        let response = try await client.send("POST", "/api/check/0", key: license.licenseKey)
        expectAnswer(response, .productNotFound)
    }
}
