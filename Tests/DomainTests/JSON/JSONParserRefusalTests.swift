import Domain
import Testing

@Suite("Invalid JSON")
struct JSONParserRefusalTests {
    @Test(
        "is refused",
        arguments: [
            "", " ", "[1,]", #"{"a":1,}"#, "[1] x", "{} {}", "01", "1.", ".5", "+1", "-", "1e", "tru", "nul", "NaN",
            "{'a':1}", #"{"a" 1}"#, #"{a:1}"#, "[", "{", #""abc"#, #""\x""#, #""\u12""#, #""\ud800""#, #""\udc00""#,
            #""\ud800\u0041""#, #""\ud800x""#, "\"a\u{1}b\"", "\"a\nb\"", "\"a\tb\"", "[1 2]", "[,1]",
        ]
    )
    func refused(text: String) {
        expectRefused(Array(text.utf8))
    }

    @Test("refuses invalid UTF-8 in a string")
    func invalidUTF8() {
        expectRefused([UInt8(ascii: "\""), 0xFF, UInt8(ascii: "\"")])
    }

    @Test("refuses nesting deeper than 64 levels", arguments: [65, 1000])
    func tooDeep(depth: Int) {
        expectRefused(Array(nestedArrays(depth).utf8))
    }

    @Test("reports where trailing garbage starts")
    func offset() {
        let error = #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array("[1] x".utf8)) }
        #expect(error?.offset == 4)
    }
}
