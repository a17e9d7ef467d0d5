import Domain
import Testing

@Suite("Whitespace trimming")
struct WhitespaceTrimmingTests {
    @Test(
        "trims spaces, tabs and line breaks at both ends",
        arguments: [
            ("  a b  ", "a b"), ("\ta\n", "a"), ("\ra\r", "a"), ("\r\na\r\n", "a"), (" \r\n\t a \t\r\n ", "a"),
            ("a", "a"), ("", ""), (" \t\r\n ", ""), ("\r\n", ""),
        ]
    )
    func trims(text: String, trimmed: String) {
        #expect(text.trimmingWhitespace == trimmed)
    }

    @Test("keeps inner whitespace")
    func inner() {
        #expect(" a \r\n b ".trimmingWhitespace == "a \r\n b")
    }

    @Test(
        "lets values that arrive with a CRLF still parse",
        arguments: [
            "203.0.113.7\r\n", "2001:db8::1\r\n",
        ]
    )
    func addressWithCRLF(text: String) {
        #expect(IPAddress(text) != nil)
    }
}
