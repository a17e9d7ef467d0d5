import Domain
import Testing

@Suite("JSON parsing")
struct JSONParserTests {
    @Test("keeps object keys in their order")
    func keyOrder() {
        guard case .object(let object)? = parsed(#"{"b":1,"a":2,"c":{"z":0,"y":1}}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(object.keys == ["b", "a", "c"])
        guard case .object(let inner)? = object["c"] else {
            Issue.record("inner value is not an object")
            return
        }
        #expect(inner.keys == ["z", "y"])
    }

    @Test("lets a repeated key replace the value in place")
    func repeatedKey() {
        #expect(parsed(#"{"a":1,"b":2,"a":3}"#) == .object(["a": 3, "b": 2]))
    }

    @Test(
        "keeps integers exact",
        arguments: [
            ("9007199254740993", Int64(9_007_199_254_740_993)), ("-42", -42), ("0", 0), ("-0", 0),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ]
    )
    func integers(text: String, value: Int64) {
        #expect(parsed(text) == .integer(value))
    }

    @Test(
        "keeps other numbers as their literal text",
        arguments: [
            "1.50", "1e3", "-0.0", "2.5E-10", "9223372036854775808", "1E+2",
        ]
    )
    func literals(text: String) {
        #expect(parsed(text) == .number(text))
    }

    @Test("reads literals, arrays and whitespace")
    func structure() {
        #expect(
            parsed(" [ true , false , null , \"x\" , { } , [ ] ] \n")
                == .array([
                    true, false, nil, "x", .object([:]), .array([]),
                ])
        )
    }

    @Test(
        "decodes every escape",
        arguments: [
            (#""a\"b\\c\/d""#, "a\"b\\c/d"),
            (#""\b\f\n\r\t""#, "\u{8}\u{c}\n\r\t"),
            (#""caf\u00e9 \u00E9""#, "café é"),
            (#""\ud83d\ude00""#, "😀"),
            (#""\u0000""#, "\u{0}"),
            ("\"raw é 😀\"", "raw é 😀"),
        ]
    )
    func escapes(text: String, value: String) {
        #expect(parsed(text) == .string(value))
    }

    @Test("accepts nesting up to 64 levels")
    func deepestNesting() {
        #expect(parsed(nestedArrays(64)) != nil)
    }
}
