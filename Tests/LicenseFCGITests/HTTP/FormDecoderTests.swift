import Testing

@testable import LicenseFCGI

@Suite("Form decoding")
struct FormDecoderTests {
    /// The decoded pairs as `[name, value]`, which compare.
    func decoded(_ text: String) -> [[String]] {
        FormDecoder.decode(text).map { [$0.name, $0.value] }
    }

    @Test("splits pairs in order")
    func pairs() {
        #expect(decoded("a=1&b=2&a=3") == [["a", "1"], ["b", "2"], ["a", "3"]])
    }

    @Test(
        "decodes + as a space and %xx as a byte",
        arguments: [
            ("q=a+b", "a b"), ("q=J%C3%BCrgen%21", "Jürgen!"), ("q=%2B%26%3D", "+&="), ("q=%e2%82%ac", "€"),
            ("q=a%20b+c", "a b c"),
        ]
    )
    func decodes(text: String, value: String) {
        #expect(decoded(text) == [["q", value]])
    }

    @Test(
        "keeps malformed escapes as they are",
        arguments: [
            ("q=100%zz", "100%zz"), ("q=%", "%"), ("q=%4", "%4"), ("q=%g1", "%g1"), ("q=50%25", "50%"),
        ]
    )
    func malformed(text: String, value: String) {
        #expect(decoded(text) == [["q", value]])
    }

    @Test("decodes names too")
    func names() {
        #expect(decoded("proIds%5B%5D=8&my+name=x") == [["proIds[]", "8"], ["my name", "x"]])
    }

    @Test("skips empty pairs")
    func emptyPairs() {
        #expect(decoded("&&a=1&&b=2&") == [["a", "1"], ["b", "2"]])
        #expect(decoded("").isEmpty)
    }

    @Test("gives a name without = an empty value")
    func nameWithoutEquals() {
        #expect(decoded("flag&a=1") == [["flag", ""], ["a", "1"]])
    }

    @Test("splits only at the first =")
    func firstEquals() {
        #expect(decoded("a=b=c&=x") == [["a", "b=c"], ["", "x"]])
    }

    @Test("repairs invalid UTF-8")
    func invalidUTF8() {
        #expect(decoded("q=%FF") == [["q", "\u{FFFD}"]])
    }
}
