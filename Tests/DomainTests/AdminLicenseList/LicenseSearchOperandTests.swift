import Domain
import Foundation
import Testing

@Suite("License list search: values read for their field")
struct LicenseSearchOperandTests {
    /// 2025-01-15 10:30:00 UTC.
    let moment = Date(timeIntervalSince1970: 1_736_937_000)

    @Test(
        "reads a date and time in UTC, or with its offset",
        arguments: [
            "2025-01-15 10:30:00", "2025-01-15T10:30:00", "2025-01-15T10:30:00Z", "2025-01-15T12:30:00+02:00",
            "2025-01-15T05:30:00-0500", "2025-01-15 11:30:00+01",
        ]
    )
    func moments(text: String) throws {
        #expect(try LicenseSearchOperand.parse(text, for: .createdAt) == .time(moment, wholeDay: false))
    }

    @Test("reads a date alone as the whole UTC day")
    func wholeDay() throws {
        #expect(
            try LicenseSearchOperand.parse(" 2025-01-15 ", for: .updatedAt)
                == .time(Date(timeIntervalSince1970: 1_736_899_200), wholeDay: true)
        )
    }

    @Test(
        "refuses times that are not one of the accepted forms",
        arguments: [
            "2025-01-15 10:30", "15/01/2025", "2025-01-15T10:30:00+25:00", "2025-01-15T10:30:00 UTC", "now", "",
            "2025-02-29",
        ]
    )
    func badTimes(text: String) {
        #expect(throws: DomainError.self) { try LicenseSearchOperand.parse(text, for: .expirationDate) }
    }

    @Test("reads whole numbers within 64 bits, signs included, and nothing else")
    func integers() throws {
        #expect(try LicenseSearchOperand.parse(" 42 ", for: .id) == .integer(42))
        #expect(try LicenseSearchOperand.parse("-1", for: .customerID) == .integer(-1))
        #expect(throws: DomainError.self) { try LicenseSearchOperand.parse("9223372036854775808", for: .id) }
        #expect(throws: DomainError.self) { try LicenseSearchOperand.parse("0x10", for: .id) }
    }

    @Test("keeps text as given, apart from surrounding spaces")
    func text() throws {
        #expect(try LicenseSearchOperand.parse(" Fct-ABC ", for: .licenseKey) == .text("Fct-ABC"))
    }

    @Test("accepts lifetime only for the expiration date")
    func lifetimeOnlyForExpiry() throws {
        #expect(try LicenseSearchOperand.parse("Lifetime", for: .expirationDate) == .lifetime)
        #expect(throws: DomainError.self) { try LicenseSearchOperand.parse("lifetime", for: .createdAt) }
    }
}
