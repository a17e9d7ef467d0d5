import Domain
import Testing

@Suite("Site URL normalization")
struct SiteURLNormalizationTests {
    @Test(
        "normalizes as FluentCart does",
        arguments: [
            ("https://www.Example.com/shop/", "www.Example.com/shop"),
            ("http://example.com", "example.com"),
            ("HTTP://example.com", "example.com"),
            ("HtTpS://Example.com/", "Example.com"),
            ("example.com%2F", "example.com"),
            ("https%3A%2F%2Fexample.com%2Fshop%2F", "example.com/shop"),
            ("example.com/my+shop", "example.com/my shop"),
            ("  example.com  ", "example.com"),
            ("+example.com+", "example.com"),
            ("example.com\\", "example.com"),
            ("example.com/\\//", "example.com"),
            ("https://example.com:8443/shop?lang=en", "example.com:8443/shop?lang=en"),
            ("ftp://example.com", "ftp://example.com"),
        ]
    )
    func normalizes(raw: String, normalized: String) {
        #expect(SiteURL(raw)?.value == normalized)
    }

    @Test(
        "counts a value that is empty after normalization as missing",
        arguments: [
            "", "   ", "/", "\\/", "+", "%20", "%2F%2F",
        ]
    )
    func emptyIsMissing(raw: String) {
        #expect(SiteURL(raw) == nil)
    }

    @Test("accepts 192 characters and counts 193 as missing")
    func lengthLimit() {
        let longest = String(repeating: "a", count: 188) + ".com"
        #expect(SiteURL(longest)?.value == longest)
        #expect(SiteURL("https://" + longest + "/")?.value == longest)
        #expect(SiteURL(String(repeating: "a", count: 189) + ".com") == nil)
    }

    @Test("compares sites ignoring case but keeps the spelling")
    func lookupIgnoresCase() {
        let site = SiteURL("https://www.Example.com/Shop")
        #expect(site?.value == "www.Example.com/Shop")
        #expect(site?.lookupValue == "www.example.com/shop")
        #expect(site?.description == "www.Example.com/Shop")
    }

    @Test(
        "takes the host without port or path, in lower case",
        arguments: [
            ("https://www.Example.com:8443/shop", "www.example.com"),
            ("localhost:8080", "localhost"),
            ("Example.com", "example.com"),
            ("example.com/dev/site", "example.com"),
        ]
    )
    func host(raw: String, host: String) {
        #expect(SiteURL(raw)?.host == host)
    }
}
