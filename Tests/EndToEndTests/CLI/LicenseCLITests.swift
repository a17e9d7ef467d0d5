import Foundation
import Testing

@Suite("CLI: licenses", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct LicenseCLITests {
    let cli = CLI.stack

    @Test("license create prints a key of 32 lowercase hex characters after the product's prefix")
    func prefixedKey() async throws {
        let product = try await cli.createProduct(["--prefix", "fct-"])
        let license = try await cli.createLicense(for: product)
        #expect(license.licenseKey.wholeMatch(of: /fct-[0-9a-f]{32}/) != nil, "key \(license.licenseKey)")
    }

    @Test("license create prints a key of 32 lowercase hex characters when the product has no prefix")
    func bareKey() async throws {
        let (_, license) = try await cli.licensedProduct()
        #expect(license.licenseKey.wholeMatch(of: /[0-9a-f]{32}/) != nil, "key \(license.licenseKey)")
    }

    @Test("license create gives every license its own key")
    func uniqueKeys() async throws {
        let product = try await cli.createProduct()
        let first = try await cli.createLicense(for: product)
        let second = try await cli.createLicense(for: product)
        #expect(first.licenseKey != second.licenseKey)
    }

    @Test("license create prints the FaxStore fields with their defaults")
    func defaults() async throws {
        let (product, license) = try await cli.licensedProduct()
        #expect(license.productId == product.id)
        #expect(license.ip == nil)
        #expect(license.ipLock == false)
        #expect(license.ownerEnabled == true)
        #expect(["inactive", "active"].contains(license.status ?? ""), "status \(license.status ?? "missing")")
    }

    @Test("license create imports a FaxStore key of 46 characters unchanged")
    func importKey() async throws {
        let product = try await cli.createProduct()
        let key = faxStoreKey()
        let license = try await cli.createLicense(for: product, ["--key", key])
        #expect(license.licenseKey == key)
    }

    @Test("license create refuses an imported key that collides with another ignoring case")
    func collidingImport() async throws {
        let product = try await cli.createProduct()
        let key = faxStoreKey()
        _ = try await cli.createLicense(for: product, ["--key", key])
        let other = try await cli.createProduct()
        try await cli.expectFailure(["license", "create", "--product", "\(other.id)", "--key", key.lowercased()])
        try await cli.expectFailure(["license", "create", "--product", "\(product.id)", "--key", key.uppercased()])
    }

    @Test(
        "license create refuses an imported key outside [A-Za-z0-9_-]{8,192}",
        arguments: ["bad key!", "short7c", String(repeating: "a", count: 193), "semi;colon-key"]
    )
    func impossibleImport(key: String) async throws {
        let product = try await cli.createProduct()
        try await cli.expectFailure(["license", "create", "--product", "\(product.id)", "--key", key])
    }

    @Test("license create refuses a product that does not exist")
    func unknownProduct() async throws {
        try await cli.expectFailure(["license", "create", "--product", "9223372036854775807"])
    }

    @Test("license create works for a product whose licensing is off")
    func licensingOff() async throws {
        let product = try await cli.createProduct(["--licensing", "off"])
        _ = try await cli.createLicense(for: product)
    }

    @Test("license create links a customer")
    func withCustomer() async throws {
        let product = try await cli.createProduct()
        let customer = try await cli.createCustomer()
        let license = try await cli.createLicense(for: product, ["--customer", "\(customer.id)", "--limit", "3"])
        let stored = try await Database.stack.value("select customer_id from licenses where id = \(license.id)")
        #expect(stored == "\(customer.id)")
    }

    @Test("license create with --ip turns the IP lock on")
    func ipTurnsLockOn() async throws {
        let (_, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        #expect(license.ip == "10.9.8.7")
        #expect(license.ipLock == true)
    }

    @Test("license create refuses an IP that is not an address", arguments: ["999.1.1.1", "example.com", "10.0.0.0/8"])
    func badIP(ip: String) async throws {
        let product = try await cli.createProduct()
        try await cli.expectFailure(["license", "create", "--product", "\(product.id)", "--ip", ip])
    }

    @Test("license set --no-ip clears the IP and turns the lock off")
    func noIPTurnsLockOff() async throws {
        let (_, license) = try await cli.licensedProduct(["--ip", "10.9.8.7"])
        let changed = try await cli.setLicense(license, ["--no-ip"])
        #expect(changed.ip == nil)
        #expect(changed.ipLock == false)
    }

    @Test("license set --ip leaves the lock as it was")
    func setIPKeepsLock() async throws {
        let (_, license) = try await cli.licensedProduct()
        let changed = try await cli.setLicense(license, ["--ip", "10.1.2.3"])
        #expect(changed.ip == "10.1.2.3")
        #expect(changed.ipLock == false)
    }

    @Test("license set changes the staff status, the owner's switch and the lock")
    func setFields() async throws {
        let (_, license) = try await cli.licensedProduct()
        let changed = try await cli.setLicense(
            license,
            [
                "--status", "disabled", "--owner-enabled", "off", "--ip-lock", "on", "--limit", "5",
            ]
        )
        #expect(changed.id == license.id)
        #expect(changed.licenseKey == license.licenseKey)
        #expect(changed.status == "disabled")
        #expect(changed.ownerEnabled == false)
        #expect(changed.ipLock == true)
    }

    @Test(
        "license create prints expiration_date as Y-m-d H:i:s in UTC",
        arguments: [
            ("2031-02-03 04:05:06", "2031-02-03 04:05:06"),
            ("2031-02-03", "2031-02-03 00:00:00"),
        ]
    )
    func expirationFormat(expires: String, printed: String) async throws {
        let (_, license) = try await cli.licensedProduct(["--expires", expires])
        #expect(license.expirationDate == printed)
    }

    @Test("license set --expires lifetime prints a null expiration_date")
    func lifetime() async throws {
        let (_, license) = try await cli.licensedProduct(["--expires", "2031-02-03"])
        let output = try await cli.run(["license", "set", "--id", "\(license.id)", "--expires", "lifetime"])
        #expect(output.object["expiration_date"] is NSNull, "\(output.object)")
    }

    @Test("license set refuses a license that does not exist")
    func unknownLicense() async throws {
        try await cli.expectFailure(["license", "set", "--id", "9223372036854775807", "--status", "active"])
    }
}
