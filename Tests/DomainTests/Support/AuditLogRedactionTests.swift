import Testing

@testable import Domain

@Suite("Audit log redaction")
struct AuditLogRedactionTests {
    static let key = "fct-3f9a1c7e58b24d06af71e2c9b5d84a30"

    @Test("shows a license key by its last four characters only")
    func keyRedacted() {
        let redacted = AuditLog.redacted(.object(["id": 7, "license_key": .string(Self.key), "status": "active"]))
        #expect(redacted == .object(["id": 7, "license_key": "…4a30", "status": "active"]))
        #expect(!redacted.serialized.contains(Self.key))
    }

    @Test("drops the application password")
    func passwordDropped() {
        let user: JSONValue = .object([
            "id": 3, "login": "ann", "application_password": "abcd EFGH 1234 ijkl MNOP 5678",
        ])
        let redacted = AuditLog.redacted(user)
        #expect(redacted == .object(["id": 3, "login": "ann"]))
        #expect(!redacted.serialized.contains("EFGH"))
    }

    @Test(
        "leaves other values alone",
        arguments: [
            JSONValue.object(["id": 1, "title": "Acme"]), .array(["x"]), .string(key), .null,
        ]
    )
    func othersUnchanged(value: JSONValue) {
        #expect(AuditLog.redacted(value) == value)
    }
}
