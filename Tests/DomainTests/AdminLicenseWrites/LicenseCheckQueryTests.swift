import Domain
import Testing

@Suite("checks query")
struct LicenseCheckQueryTests {
    @Test("defaults to page 1, 10 per page, every result")
    func defaults() {
        let query = LicenseCheckQuery(page: nil, perPage: nil, result: nil)
        #expect(query == LicenseCheckQuery(page: .integer(1), perPage: .integer(10), result: .string("")))
        #expect(query.page == 1 && query.perPage == 10 && query.result == nil && query.offset == 0)
    }

    @Test(
        "uses per_page only when 0 < n < 200, as the lists do",
        arguments: [
            (JSONValue.integer(1), Int64(1)), (.string("199"), 199), (.integer(200), 10), (.integer(0), 10),
            (.integer(-4), 10), (.string("x"), 10), (.string("99999999999999999999"), 10),
        ]
    )
    func perPage(value: JSONValue, expected: Int64) {
        #expect(LicenseCheckQuery(page: nil, perPage: value, result: nil).perPage == expected)
    }

    @Test(
        "reads a bad page as 1",
        arguments: [JSONValue.integer(0), .integer(-2), .string("two"), .bool(true), .string("")]
    )
    func badPage(value: JSONValue) {
        #expect(LicenseCheckQuery(page: value, perPage: nil, result: nil).page == 1)
    }

    @Test("skips the earlier pages, saturating for absurd page numbers")
    func offset() {
        #expect(LicenseCheckQuery(page: .integer(3), perPage: .integer(25), result: nil).offset == 50)
        #expect(LicenseCheckQuery(page: .integer(Int64.max), perPage: .integer(199), result: nil).offset == Int64.max)
    }

    @Test("filters by a result given as text, trimmed")
    func result() {
        #expect(LicenseCheckQuery(page: nil, perPage: nil, result: " NOT FOUND ").result == "NOT FOUND")
        #expect(LicenseCheckQuery(page: nil, perPage: nil, result: .array(["A"])).result == nil)
    }
}
