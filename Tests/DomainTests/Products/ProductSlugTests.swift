import Domain
import Testing

@Suite("Product slugs")
struct ProductSlugTests {
    @Test(
        "lower-cases the title and replaces every run of other characters with one dash (operations.md §3)",
        arguments: [
            ("Acme SEO Pro!", "acme-seo-pro-"),
            ("  Hello   World  ", "-hello-world-"),
            ("Version 2.0", "version-2-0"),
            ("--a--b--", "-a-b-"),
            ("ALLCAPS", "allcaps"),
            ("Café Plus", "caf-plus"),
        ]
    )
    func slug(title: String, slug: String) {
        #expect(Product.slug(from: title) == slug)
    }

    @Test("is never empty", arguments: ["***", "", "   ", "ü", "!!!"])
    func neverEmpty(title: String) {
        let slug = Product.slug(from: title)
        #expect(!slug.isEmpty)
        #expect(slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
    }
}
