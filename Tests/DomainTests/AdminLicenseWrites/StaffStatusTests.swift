import Domain
import Testing

@Suite("update_status input and reason")
struct StaffStatusTests {
    @Test("accepts exactly active, disabled and expired", arguments: StaffStatus.allCases)
    func accepts(status: StaffStatus) {
        #expect(StaffStatus(json: .string(status.rawValue)) == status)
        #expect(status.licenseStatus.rawValue == status.rawValue)
    }

    @Test(
        "refuses inactive, other spellings and non-text",
        arguments: [
            JSONValue.string("inactive"), .string("Active"), .string(" active"), .string(""), .string("enabled"),
            .integer(1), .bool(true), .null,
        ]
    )
    func refuses(value: JSONValue) {
        #expect(StaffStatus(json: value) == nil)
    }

    @Test("refuses a missing status")
    func missing() {
        #expect(StaffStatus(json: nil) == nil)
    }

    @Test("disabling records the staff reason and keeps the other config keys")
    func disabling() {
        let config: JSONValue = .object(["prev_order_ids": .array([7]), "reason": "Refunded"])
        #expect(
            StaffStatus.disabled.config(from: config)
                == .object(["prev_order_ids": .array([7]), "reason": "Disabled by staff"])
        )
    }

    @Test("activating clears any reason")
    func activating() {
        let config: JSONValue = .object(["reason": "Disabled by staff", "prev_order_ids": .array([7])])
        #expect(StaffStatus.active.config(from: config) == .object(["prev_order_ids": .array([7])]))
    }

    @Test("expiring leaves the config as it is")
    func expiring() {
        let config: JSONValue = .object(["reason": "Payment Failed"])
        #expect(StaffStatus.expired.config(from: config) == config)
    }
}
