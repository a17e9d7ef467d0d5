import Testing

@Suite("IP lock", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct IPLockTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("answers NOT AUTHORISED and names the caller's IP when the license holds another address")
    func otherAddress() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .ipMismatch(requestIP: "127.0.0.1"))
        #expect(!response.text.contains("10.9.8.7"), "the license's IP is never shown")
    }

    @Test("authorises the address the license holds")
    func sameAddress() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "127.0.0.1"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("compares addresses, so an IPv4-mapped IPv6 address equals its IPv4 form")
    func mappedAddress() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "::ffff:127.0.0.1"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("answers NOT AUTHORISED when the lock is on and no IP is set")
    func lockWithoutAddress() async throws {
        let (product, license) = try await cli.licensedProduct()
        _ = try await cli.setLicense(license, ["--no-ip"])
        _ = try await cli.setLicense(license, ["--ip-lock", "on"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .ipMismatch(requestIP: "127.0.0.1"))
    }

    @Test("ignores the license IP when the lock is off")
    func lockOff() async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        _ = try await cli.setLicense(license, ["--ip-lock", "off"])
        let response = try await client.check(product, key: license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test(
        "never takes the client IP from headers a client can forge",
        arguments: ["X-Forwarded-For", "X-Real-IP", "Forwarded"]
    )
    func forgedHeaders(header: String) async throws {
        let (product, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        let value = header == "Forwarded" ? "for=10.9.8.7" : "10.9.8.7"
        let response = try await client.check(product, key: license.licenseKey, headers: [header: value])
        expectAnswer(response, .ipMismatch(requestIP: "127.0.0.1"))
    }
}
