import Domain
import Testing

@Suite("License key form")
struct LicenseKeyFormTests {
    @Test(
        "accepts letters, digits, underscore and dash from 8 to 192 characters",
        arguments: [
            "abcdEFGH", "Ab9_-xyz", "fct-3f9a1c7e58b24d06af71e2c9b5d84a30",
            "Xk2_pQ7vL9dR4tY8wZ1aB3cD5eF6gH0jK-mN2oP4qS6uV8xW0y", String(repeating: "k", count: 192),
        ]
    )
    func wellFormed(text: String) {
        #expect(LicenseKey(text)?.rawValue == text)
        #expect(LicenseKey.isWellFormed(text))
    }

    @Test(
        "refuses what cannot be a key",
        arguments: [
            "", "abcdefg", String(repeating: "k", count: 193), "abcd efgh", "abcdefgh!", "abcdéfgh", "ключключключ",
            "abcd\tefgh", "abcd.efgh", "abcdefgh\n", "key🔑key🔑",
        ]
    )
    func malformed(text: String) {
        #expect(LicenseKey(text) == nil)
        #expect(!LicenseKey.isWellFormed(text))
    }

    @Test("looks keys up in lower case")
    func lookupIsLowercased() {
        #expect(LicenseKey("FCT-3F9A1C7E58B24D06")?.lookupValue == "fct-3f9a1c7e58b24d06")
    }

    @Test("shows only its last four characters when printed")
    func redactsItself() throws {
        let key = try #require(LicenseKey("fct-3f9a1c7e58b24d06af71e2c9b5d84a30"))
        #expect(key.description == "…4a30")
        #expect(!"\(key)".contains(key.rawValue))
        #expect(!String(describing: key).contains("3f9a1c7e"))
    }

    @Test(
        "accepts prefixes of up to 32 key characters",
        arguments: [
            "", "fct-", "ACME_pro-", String(repeating: "p", count: 32),
        ]
    )
    func validPrefixes(prefix: String) {
        #expect(LicenseKey.isValidPrefix(prefix))
    }

    @Test(
        "refuses longer prefixes and other characters",
        arguments: [
            String(repeating: "p", count: 33), "fct ", "fct!", "präfix", "a/b",
        ]
    )
    func invalidPrefixes(prefix: String) {
        #expect(!LicenseKey.isValidPrefix(prefix))
    }
}
