import Domain
import Foundation
import Testing

@Suite("License list search: plain text and key <op> value")
struct LicenseSearchParsingTests {
    @Test("treats an empty or blank search as no search", arguments: ["", "   ", "\t\n"])
    func blank(search: String) throws {
        #expect(try LicenseSearch.parse(search) == .none)
    }

    @Test("reads text without an operator as plain text, trimmed")
    func plainText() throws {
        #expect(try LicenseSearch.parse("  ada@example.com ") == .text("ada@example.com"))
        #expect(try LicenseSearch.parse("Ada Lovelace") == .text("Ada Lovelace"))
    }

    @Test(
        "reads key <op> value for the license key, ignoring case and spaces around the operator",
        arguments: [
            ("key = abc", LicenseSearchOperator.equal), ("KEY=abc", .equal), ("key != abc", .notEqual),
            ("license_key = abc", .equal), ("Key>abc", .greater), ("key <abc", .less),
        ]
    )
    func keyOperator(search: String, op: LicenseSearchOperator) throws {
        #expect(
            try LicenseSearch.parse(search)
                == .condition(LicenseSearchCondition(field: .licenseKey, op: op, operands: [.text("abc")]))
        )
    }

    @Test(
        "reads two-character operators whole, where FluentCart reads >= as >",
        arguments: [
            ("id >= 5", LicenseSearchOperator.greaterOrEqual), ("id <= 5", .lessOrEqual), ("id>=5", .greaterOrEqual),
            ("id != 5", .notEqual), ("id > 5", .greater), ("id < 5", .less), ("id = 5", .equal),
        ]
    )
    func twoCharacterOperators(search: String, op: LicenseSearchOperator) throws {
        #expect(
            try LicenseSearch.parse(search)
                == .condition(LicenseSearchCondition(field: .id, op: op, operands: [.integer(5)]))
        )
    }

    @Test(
        "accepts every sortable column as a field",
        arguments: [
            ("id", LicenseSearchField.id), ("status", .status), ("limit", .limit), ("activation_limit", .limit),
            ("activation_count", .activationCount), ("license_key", .licenseKey), ("product_id", .productID),
            ("variation_id", .variationID), ("order_id", .orderID), ("customer_id", .customerID),
            ("expiration_date", .expirationDate), ("created_at", .createdAt), ("updated_at", .updatedAt),
        ]
    )
    func fields(name: String, field: LicenseSearchField) {
        #expect(LicenseSearchField(name: name) == field)
        #expect(LicenseSearchField(name: " \(name.uppercased()) ") == field)
    }

    @Test("reads :: as an inclusive range of two numbers")
    func integerRange() throws {
        #expect(
            try LicenseSearch.parse("id :: 5-10")
                == .condition(LicenseSearchCondition(field: .id, op: .range, operands: [.integer(5), .integer(10)]))
        )
    }

    @Test("reads a range of dates written with the dates' own dashes, or with a spaced dash")
    func dateRange() throws {
        let first = try #require(Timestamp.parseCLI("2025-01-01"))
        let last = try #require(Timestamp.parseCLI("2025-01-31"))
        let expected = LicenseSearch.condition(
            LicenseSearchCondition(
                field: .createdAt,
                op: .range,
                operands: [.time(first, wholeDay: true), .time(last, wholeDay: true)]
            )
        )
        #expect(try LicenseSearch.parse("created_at :: 2025-01-01-2025-01-31") == expected)
        #expect(try LicenseSearch.parse("created_at::2025-01-01 - 2025-01-31") == expected)
    }

    @Test("reads a text range with a single dash, or with a spaced dash when the values contain dashes")
    func textRange() throws {
        #expect(
            try LicenseSearch.parse("key :: a-m")
                == .condition(
                    LicenseSearchCondition(field: .licenseKey, op: .range, operands: [.text("a"), .text("m")])
                )
        )
        #expect(
            try LicenseSearch.parse("key :: fct-a - fct-m")
                == .condition(
                    LicenseSearchCondition(field: .licenseKey, op: .range, operands: [.text("fct-a"), .text("fct-m")])
                )
        )
        #expect(throws: DomainError.self) { try LicenseSearch.parse("key :: fct-a-fct-m") }
    }

    @Test(
        "treats injection-looking and operator-bearing text whose left side is no field as plain text",
        arguments: [
            "' OR 1=1 --", "foo = bar", "https://shop.example.com/?a=b", "<script>alert(1)</script>",
            "1; DROP TABLE licenses; --", "name != x", "%' UNION SELECT license_key FROM licenses --", "= 5",
        ]
    )
    func injectionIsText(search: String) throws {
        #expect(try LicenseSearch.parse(search) == .text(search))
    }

    @Test(
        "refuses a known field with a value it cannot take",
        arguments: [
            "id = abc", "id = 99999999999999999999", "order_id > 1.5", "expiration_date > tomorrow",
            "created_at = 2025-02-30", "id :: 5", "id :: 5-x", "expiration_date > lifetime",
            "expiration_date :: lifetime-2025-01-01", "limit =",
        ]
    )
    func refusesBadValues(search: String) {
        #expect(throws: DomainError.self) { try LicenseSearch.parse(search) }
    }

    @Test("reads lifetime (or null) as no expiration date, for = and !=")
    func lifetime() throws {
        #expect(
            try LicenseSearch.parse("expiration_date = lifetime")
                == .condition(LicenseSearchCondition(field: .expirationDate, op: .equal, operands: [.lifetime]))
        )
        #expect(
            try LicenseSearch.parse("expiration_date != NULL")
                == .condition(LicenseSearchCondition(field: .expirationDate, op: .notEqual, operands: [.lifetime]))
        )
    }

    @Test("keeps everything after the operator as the value")
    func valueKeepsOperators() throws {
        #expect(
            try LicenseSearch.parse("key = a=b")
                == .condition(LicenseSearchCondition(field: .licenseKey, op: .equal, operands: [.text("a=b")]))
        )
    }

    @Test("refuses a search longer than 500 characters, and removes NUL characters")
    func limits() throws {
        #expect(throws: DomainError.self) { try LicenseSearch.parse(String(repeating: "a", count: 501)) }
        #expect(
            try LicenseSearch.parse(String(repeating: "a", count: 500)) == .text(String(repeating: "a", count: 500))
        )
        #expect(try LicenseSearch.parse("ab\u{0}c") == .text("abc"))
    }

    @Test("names the field in its refusal, as an invalid-input error")
    func refusalMessage() {
        #expect(throws: DomainError(.invalidInput, "Invalid value for id: expected a whole number.")) {
            try LicenseSearch.parse("id = abc")
        }
    }
}
