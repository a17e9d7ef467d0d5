import Foundation
import Testing

@Suite("Key lookup", .enabled(if: Stack.isConfigured, "set by scripts/test.sh"))
struct KeyLookupTests {
    let cli = CLI.stack
    let client = HTTPSClient.main

    @Test("answers NOT FOUND for a key that does not exist")
    func unknownKey() async throws {
        let product = try await cli.createProduct()
        let response = try await client.check(product, key: randomKey())
        expectAnswer(response, .keyNotFound)
    }

    @Test("answers a key of another product like an unknown key")
    func keyOfAnotherProduct() async throws {
        let (_, license) = try await cli.licensedProduct()
        let other = try await cli.createProduct()
        let response = try await client.check(other, key: license.licenseKey)
        expectAnswer(response, .keyNotFound)
    }

    @Test("answers NOT FOUND when the Authorization header is missing")
    func missingHeader() async throws {
        let (product, _) = try await cli.licensedProduct()
        let response = try await client.check(product, key: nil)
        expectAnswer(response, .keyNotFound)
    }

    @Test("answers NOT FOUND when the Authorization header is empty")
    func emptyHeader() async throws {
        let (product, _) = try await cli.licensedProduct()
        let response = try await client.check(product, key: "")
        expectAnswer(response, .keyNotFound)
    }

    @Test(
        "answers NOT FOUND for a key that cannot exist",
        arguments: ["bad key!", "short", String(repeating: "a", count: 193), "fct-%00", "' or 1=1 --"]
    )
    func impossibleKey(key: String) async throws {
        let (product, _) = try await cli.licensedProduct()
        let response = try await client.check(product, key: key)
        expectAnswer(response, .keyNotFound)
    }

    @Test("finds the key ignoring case")
    func caseInsensitive() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: license.licenseKey.uppercased())
        expectAnswer(response, .authorised())
    }

    @Test("drops a Bearer prefix written in any case", arguments: ["Bearer ", "bearer ", "BEARER ", "bEaReR "])
    func bearerPrefix(prefix: String) async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: prefix + license.licenseKey)
        expectAnswer(response, .authorised())
    }

    @Test("trims whitespace around the key")
    func trimsWhitespace() async throws {
        let (product, license) = try await cli.licensedProduct()
        let response = try await client.check(product, key: "   \(license.licenseKey) \t ")
        expectAnswer(response, .authorised())
    }

    @Test("finds an imported FaxStore key of 46 characters")
    func importedKey() async throws {
        let product = try await cli.createProduct()
        let key = faxStoreKey()
        _ = try await cli.createLicense(for: product, ["--key", key])
        let response = try await client.check(product, key: key)
        expectAnswer(response, .authorised())
    }
}

/// A key in FluentCart's format that no license has.
func randomKey() -> String {
    UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
}

/// A 46-character key in FaxStore's alphabet (letters, digits, `_` and `-`), unique.
func faxStoreKey() -> String {
    let unique = UUID().uuidString.replacingOccurrences(of: "-", with: "")
    return "Xk2_pQ7v-" + unique + "aB3cD"
}
