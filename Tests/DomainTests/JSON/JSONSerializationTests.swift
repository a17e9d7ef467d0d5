import Domain
import Testing

@Suite("JSON serialization")
struct JSONSerializationTests {
    @Test("writes compact JSON in key order")
    func compact() {
        let value: JSONValue = .object([
            "status": "AUTHORISED", "pass": true, "n": 16, "x": .number("1.50"), "list": .array([nil, false]),
        ])
        #expect(value.serialized == #"{"status":"AUTHORISED","pass":true,"n":16,"x":1.50,"list":[null,false]}"#)
    }

    @Test(
        "escapes quotes, backslashes and control characters",
        arguments: [
            ("say \"hi\"", #""say \"hi\"""#),
            ("a\\b", #""a\\b""#),
            ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
            ("\u{0}\u{1}\u{8}\u{c}\u{1f}", #""\u0000\u0001\u0008\u000c\u001f""#),
        ]
    )
    func escaping(text: String, json: String) {
        #expect(JSONValue.string(text).serialized == json)
    }

    @Test("leaves slashes and non-ASCII text as they are")
    func readable() {
        #expect(JSONValue.string("https://café.example/😀").serialized == "\"https://café.example/😀\"")
    }

    @Test("escapes object keys too")
    func keys() {
        #expect(JSONValue.object(["a\"b": 1]).serialized == #"{"a\"b":1}"#)
    }

    @Test("reads back what it writes")
    func roundTrip() throws {
        let value: JSONValue = .object([
            "text": .string("quote \" backslash \\ newline \n nul \u{0} bell \u{7} é 😀"),
            "int": .integer(.min), "number": .number("-2.5e-3"), "null": nil, "bool": false,
            "nested": .array([.object(["k": .array([])]), .object([:])]),
        ])
        #expect(try JSONParser.parse(Array(value.serialized.utf8)) == value)
    }
}
