import Testing

@Suite("Expiry and grace period", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct ExpiryGraceTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("answers KEY EXPIRED 16 days after the expiration date")
    func pastGrace() async throws {
        let (product, license) = try await cli.licensedProduct(["--expires", expiryTimestamp(daysFromNow: -16)])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .expired)
    }

    @Test("still authorises 14 days after the expiration date, inside the 15 days of grace")
    func insideGrace() async throws {
        let (product, license) = try await cli.licensedProduct(["--expires", expiryTimestamp(daysFromNow: -14)])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("authorises a license that expires in the future")
    func futureExpiry() async throws {
        let (product, license) = try await cli.licensedProduct(["--expires", expiryTimestamp(daysFromNow: 30)])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("authorises a lifetime license")
    func lifetime() async throws {
        let (product, license) = try await cli.licensedProduct(["--expires", "lifetime"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("answers KEY EXPIRED once license set moves the expiration past the grace period")
    func expiredBySet() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await cli.setLicense(license, ["--expires", expiryTimestamp(daysFromNow: -16)])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .expired)
    }
}
