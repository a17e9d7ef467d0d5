import Domain
import Foundation
import Testing

@Suite("extend-validity input")
struct ValidityChangeInputTests {
    /// 2026-01-15 10:30:00 UTC.
    static let moment = Date(timeIntervalSince1970: 1_768_473_000)

    @Test(
        "reads lifetime in any case, with spaces around it",
        arguments: ["lifetime", "LIFETIME", " Lifetime "]
    )
    func lifetime(text: String) {
        #expect(ValidityChange(expirationDate: .string(text), days: nil) == .lifetime)
    }

    @Test(
        "reads the four date forms, UTC unless an offset says otherwise",
        arguments: [
            ("2026-01-15", 1_768_435_200.0),
            ("2026-01-15 10:30:00", 1_768_473_000),
            ("2026-01-15T10:30:00", 1_768_473_000),
            ("2026-01-15T10:30:00Z", 1_768_473_000),
            ("2026-01-15t10:30:00z", 1_768_473_000),
            ("2026-01-15T10:30:00.750Z", 1_768_473_000),
            ("2026-01-15T12:30:00+02:00", 1_768_473_000),
            ("2026-01-15T12:30:00+0200", 1_768_473_000),
            ("2026-01-15T12:30:00+02", 1_768_473_000),
            ("2026-01-15T05:00:00-05:30", 1_768_473_000),
            (" 2026-01-15 10:30:00\n", 1_768_473_000),
        ]
    )
    func dates(text: String, seconds: Double) {
        #expect(ValidityChange(expirationDate: .string(text), days: nil) == .date(Date(timeIntervalSince1970: seconds)))
    }

    @Test(
        "refuses text that is not one of the forms",
        arguments: [
            "", "tomorrow", "+1 year", "2026-02-30", "2026-13-01", "2026-01-15 25:00:00", "2026/01/15",
            "15-01-2026", "2026-01-15T10:30", "2026-01-15T10:30:00+24:00", "2026-01-15T10:30:00+02:60",
            "2026-01-15T10:30:00 UTC", "2026-01-15T10:30:00.", "2026-01-15 10:30:00Z", "1767225600",
        ]
    )
    func refusesText(text: String) {
        #expect(ValidityChange(expirationDate: .string(text), days: nil) == nil)
    }

    @Test("refuses an expiration_date that is not text, even when days are usable")
    func refusesNonText() {
        for value: JSONValue in [.integer(20_260_115), .bool(true), .array([]), .object([:])] {
            #expect(ValidityChange(expirationDate: value, days: .integer(30)) == nil)
        }
    }

    @Test("prefers expiration_date over days, and falls back to days when it is absent or null")
    func precedence() {
        #expect(ValidityChange(expirationDate: "lifetime", days: .integer(30)) == .lifetime)
        #expect(ValidityChange(expirationDate: nil, days: .integer(30)) == .days(30))
        #expect(ValidityChange(expirationDate: .null, days: "30") == .days(30))
    }

    @Test(
        "takes days as a whole number of at least 1, as a JSON number or numeric text",
        arguments: [JSONValue.integer(1), .integer(365), .string("30"), .string(" 7 ")]
    )
    func days(value: JSONValue) {
        guard case .days(let count)? = ValidityChange(expirationDate: nil, days: value) else {
            Issue.record("no days read from \(value)")
            return
        }
        #expect(count >= 1)
    }

    @Test(
        "refuses days that are zero, negative, fractional, absurd or not numbers",
        arguments: [
            JSONValue.integer(0), .integer(-5), .string("1.5"), .number("1.5"), .string("ten"), .bool(true),
            .integer(Int64.max), .string("99999999999999999999"), .null,
        ]
    )
    func refusesDays(value: JSONValue) {
        #expect(ValidityChange(expirationDate: nil, days: value) == nil)
    }

    @Test("refuses a body with neither expiration_date nor days")
    func refusesNothing() {
        #expect(ValidityChange(expirationDate: nil, days: nil) == nil)
    }
}
