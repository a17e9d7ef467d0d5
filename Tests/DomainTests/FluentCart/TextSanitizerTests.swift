import Domain
import Testing

/// Expected values come from WordPress's own `_sanitize_text_fields` run under PHP 8.2.
@Suite("Text sanitizing: tags, octets and whitespace")
struct TextSanitizerTests {
    @Test(
        "leaves ordinary values alone",
        arguments: [
            "fct-3f9a1c7e58b24d06af71e2c9b5d84a30", "https://example.com/shop?x=1", "42", "1.4.1", "Ünïcødé ✓",
            "a & b", "a &amp; b", "",
        ]
    )
    func unchanged(text: String) {
        #expect(TextSanitizer.sanitize(text) == text)
    }

    @Test(
        "strips HTML tags",
        arguments: [
            ("<b>KEY</b>", "KEY"), ("KEY<br/>", "KEY"), ("<a title=\">\">KEY</a>", "KEY"),
            ("<!DOCTYPE html>KEY", "KEY"),
            ("a<!-- note -->b", "ab"), ("x<?php echo \"?>\"; ?>y", "xy"),
        ]
    )
    func stripsTags(text: String, sanitized: String) {
        #expect(TextSanitizer.sanitize(text) == sanitized)
    }

    @Test(
        "removes script and style elements with their content",
        arguments: [
            ("<script>alert(1)</script>KEY", "KEY"), ("<STYLE type=\"text/css\">p{}</style>KEY", "KEY"),
            ("<script>no end", "no end"),
        ]
    )
    func removesScriptAndStyle(text: String, sanitized: String) {
        #expect(TextSanitizer.sanitize(text) == sanitized)
    }

    @Test(
        "removes percent-encoded octets until none is left",
        arguments: [
            ("KEY%41", "KEY"), ("a%20b%2Fc", "abc"), ("KEY %41 END", "KEY END"), ("%2%41", "%2"), ("%%4141", ""),
        ]
    )
    func removesOctets(text: String, sanitized: String) {
        #expect(TextSanitizer.sanitize(text) == sanitized)
    }

    @Test(
        "collapses line breaks, tabs and runs of spaces, then trims",
        arguments: [
            ("a\t\tb\n\nc  d\r\ne", "a b c d e"), ("  fct-abc  ", "fct-abc"), ("\n\tKEY\r\n", "KEY"),
            ("\0\u{0B}KEY\u{0B}\0", "KEY"), (" \t\r\n ", ""),
        ]
    )
    func whitespace(text: String, sanitized: String) {
        #expect(TextSanitizer.sanitize(text) == sanitized)
    }

    @Test(
        "turns invalid UTF-8 into an empty value",
        arguments: [
            [0x4B, 0xFF, 0x59], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80],
        ] as [[UInt8]]
    )
    func invalidUTF8(bytes: [UInt8]) {
        #expect(TextSanitizer.sanitize(bytes) == "")
    }

    @Test("sanitizes valid UTF-8 bytes like the same text")
    func validBytes() {
        #expect(TextSanitizer.sanitize(Array(" <i>Ünï</i> %41 ".utf8)) == "Ünï")
        #expect(TextSanitizer.sanitize([UInt8]()) == "")
    }
}
