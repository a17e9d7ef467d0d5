import Domain
import Testing

@Suite("Local and staging sites")
struct SiteURLLocalTests {
    @Test(
        "does not count staging and local sites",
        arguments: [
            "staging.example.com", "example.com/dev", "shop.kinsta.cloud", "localhost:8080", "my.dev.site.com",
            "https://STAGING.Example.com/", "example.com/shop/Test", "qa.example.com", "shop.uat.example.com",
            "example.wpengine.com", "site.pantheonsite.io", "localhost", "example.com/development/",
        ]
    )
    func local(site: String) {
        #expect(SiteURL(site)?.isLocal == true)
    }

    @Test(
        "counts production sites",
        arguments: [
            "devshop.com", "example.com/developer", "example.com", "mystaging.com", "example.dev",
            "www.example.com/shop",
            "wpengine.com", "example.com:8080",
        ]
    )
    func production(site: String) {
        #expect(SiteURL(site)?.isLocal == false)
    }
}
