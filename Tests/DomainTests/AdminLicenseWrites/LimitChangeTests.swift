import Domain
import Testing

@Suite("update_limit input")
struct LimitChangeTests {
    @Test(
        "reads unlimited and 0 as 0, and whole numbers of at least 0",
        arguments: [
            (JSONValue.string("unlimited"), Int64(0)), (.string("Unlimited"), 0), (.integer(0), 0), (.string("0"), 0),
            (.integer(3), 3), (.string("25"), 25), (.string(" 7 "), 7), (.integer(Int64.max), Int64.max),
        ]
    )
    func accepts(value: JSONValue, limit: Int64) {
        #expect(LimitChange(json: value)?.limit == limit)
    }

    @Test(
        "refuses negative, fractional, oversized and non-numeric limits",
        arguments: [
            JSONValue.integer(-1), .string("-3"), .string("2.5"), .number("2.5"), .number("1e3"), .string(""),
            .string("many"), .string("99999999999999999999"), .bool(true), .null, .array([.integer(1)]),
        ]
    )
    func refuses(value: JSONValue) {
        #expect(LimitChange(json: value) == nil)
    }

    @Test("refuses a missing limit")
    func missing() {
        #expect(LimitChange(json: nil) == nil)
    }
}
