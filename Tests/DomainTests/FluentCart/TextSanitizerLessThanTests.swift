import Domain
import Testing

/// A `<` that opens no tag survives as `&lt;`, and WordPress runs `esc_html` over the text after it (up to the next
/// `<`), so quotes and stray ampersands there are escaped too. Expected values come from WordPress under PHP 8.2.
@Suite("Text sanitizing: a less-than sign that opens no tag")
struct TextSanitizerLessThanTests {
    @Test(
        "is kept as an entity",
        arguments: [
            ("a < b", "a &lt; b"), ("a<b", "a&lt;b"), ("<abc", "&lt;abc"), ("<<b>>KEY", "&lt;>KEY"),
        ]
    )
    func escaped(text: String, sanitized: String) {
        #expect(TextSanitizer.sanitize(text) == sanitized)
    }

    @Test("opens a tag when a > follows, which strips the text between them")
    func closedLater() {
        #expect(TextSanitizer.sanitize("1 <2 and 3> 2") == "1 2")
    }

    @Test("escapes quotes and a lone ampersand after it")
    func escapesFollowingText() {
        #expect(TextSanitizer.sanitize("x < \"q\" & 's'") == "x &lt; &quot;q&quot; &amp; &#039;s&#039;")
    }

    @Test("normalizes the entities after it as WordPress's kses does")
    func normalizesEntities() {
        #expect(
            TextSanitizer.sanitize("< &amp; &apos; &eacute; &#65; &#x41; &#0; &#xD800;")
                == "&lt; &amp; &amp;apos; &eacute; &#065; &#x41; &amp;#xD800;"
        )
    }

    @Test("is escaped before a line break even when a > follows")
    func beforeLineBreak() {
        #expect(TextSanitizer.sanitize("<\nb>") == "&lt; b>")
    }
}
