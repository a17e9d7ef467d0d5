import Domain
import Testing

@Suite("Download secret")
struct DownloadSecretTests {
    @Test(
        "uses any value of at least 16 bytes as raw key bytes",
        arguments: [
            "0123456789abcdef", "3f9a1c7e58b24d06af71e2c9b5d84a303f9a1c7e58b24d06af71e2c9b5d84a30",
            "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=", "sixteen bytes ok", "ключ-ключ",
        ]
    )
    func accepted(text: String) {
        #expect(DownloadSecret(text)?.bytes == Array(text.utf8))
    }

    @Test("refuses an empty or short value", arguments: ["", "short", "0123456789abcde"])
    func refused(text: String) {
        #expect(DownloadSecret(text) == nil)
    }

    @Test("never prints itself")
    func redacted() throws {
        let secret = try #require(DownloadSecret("0123456789abcdef0123"))
        #expect(!"\(secret)".contains("0123456789"))
        #expect(!String(reflecting: secret).contains("0123456789"))
    }
}
