import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore key input")
struct KeyInputTests {
    static let key = "fct-3f9a1c7e58b24d06af71e2c9b5d84a30"

    @Test(
        "takes the raw header, trimmed, without a Bearer scheme in any case",
        arguments: [
            key, "Bearer \(key)", "bearer \(key)", "BEARER \(key)", "  Bearer   \(key)  ", "\t\(key)\n",
        ]
    )
    func acceptedForms(header: String) {
        #expect(FaxStoreInput.key(authorization: header)?.rawValue == Self.key)
    }

    @Test("trims a line break sent as CRLF")
    func trimsCRLF() {
        #expect(FaxStoreInput.key(authorization: "Bearer \(Self.key)\r\n")?.rawValue == Self.key)
    }

    @Test("keeps the key's case for the lookup to ignore")
    func keepsCase() {
        #expect(FaxStoreInput.key(authorization: "Bearer FCT-ABCDEF12")?.lookupValue == "fct-abcdef12")
    }

    @Test(
        "treats a missing, empty or impossible key as no key",
        arguments: [
            nil, "", "   ", "Bearer", "Bearer ", "short", "Basic dXNlcjpwYXNz", "two words here", "key!key!key",
            "Bearer Bearer \(key)", String(repeating: "k", count: 193),
        ] as [String?]
    )
    func noKey(header: String?) {
        #expect(FaxStoreInput.key(authorization: header) == nil)
    }
}
