import Testing

@Suite("Decision order", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct DecisionOrderTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("answers KEY DISABLED for a license disabled by staff")
    func disabledByStaff() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await cli.setLicense(license, ["--status", "disabled"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .disabledByStaff)
    }

    @Test("answers NOT ACTIVE when the owner switched the key off")
    func switchedOffByOwner() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await cli.setLicense(license, ["--owner-enabled", "off"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .notActive)
    }

    @Test("authorises again once the owner switches the key back on")
    func switchedBackOn() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await cli.setLicense(license, ["--owner-enabled", "off"])
        _ = try await cli.setLicense(license, ["--owner-enabled", "on"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("answers KEY EXPIRED for a license whose status is expired")
    func expiredStatus() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "expired"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .expired)
    }

    @Test("answers KEY DISABLED before NOT ACTIVE, KEY EXPIRED and NOT AUTHORISED")
    func disabledComesFirst() async throws {
        let (product, license) = try await cli.licensedProduct([
            "--expires", expiryTimestamp(daysFromNow: -30), "--ip", "10.9.8.7",
        ])
        _ = try await cli.setLicense(license, ["--status", "disabled", "--owner-enabled", "off"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .disabledByStaff)
    }

    @Test("answers NOT ACTIVE before KEY EXPIRED")
    func notActiveBeforeExpired() async throws {
        let (product, license) = try await cli.licensedProduct(["--status", "expired"])
        _ = try await cli.setLicense(license, ["--owner-enabled", "off"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .notActive)
    }

    @Test("answers NOT ACTIVE before NOT AUTHORISED")
    func notActiveBeforeIPMismatch() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        _ = try await cli.setLicense(license, ["--owner-enabled", "off"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .notActive)
    }

    @Test("answers KEY EXPIRED before NOT AUTHORISED")
    func expiredBeforeIPMismatch() async throws {
        let (product, license) = try await cli.licensedProduct([
            "--expires", expiryTimestamp(daysFromNow: -16), "--ip", "10.9.8.7",
        ])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .expired)
    }
}
