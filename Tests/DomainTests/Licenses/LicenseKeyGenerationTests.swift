import Domain
import Testing

@Suite("License key generation")
struct LicenseKeyGenerationTests {
    @Test("gives the prefix followed by 32 lowercase hex characters", arguments: ["", "fct-", "ACME_"])
    func prefixAndHex(prefix: String) {
        let key = LicenseKey.generate(prefix: prefix)
        #expect(key.rawValue.hasPrefix(prefix))
        let random = key.rawValue.dropFirst(prefix.count)
        #expect(random.count == 32)
        #expect(random.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("produces a well-formed key")
    func wellFormed() {
        let key = LicenseKey.generate(prefix: String(repeating: "p", count: 32))
        #expect(LicenseKey.isWellFormed(key.rawValue))
        #expect(LicenseKey(key.rawValue) == key)
    }

    @Test("differs between calls")
    func differs() {
        let keys = Set((0..<20).map { _ in LicenseKey.generate(prefix: "fct-") })
        #expect(keys.count == 20)
    }
}
