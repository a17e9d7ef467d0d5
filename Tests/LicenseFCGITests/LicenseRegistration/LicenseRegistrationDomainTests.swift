import Domain
import Testing

@testable import LicenseFCGI

@Suite("settings/license default domain")
struct LicenseRegistrationDomainTests {
    @Test(
        "is the host of the base URL, without scheme, port or path",
        arguments: [
            ("https://licenses.example.test", "licenses.example.test"), ("https://127.0.0.1:8443", "127.0.0.1"),
            ("https://Shop.Example.com/store", "shop.example.com"), ("", "localhost"),
        ]
    )
    func host(base: String, domain: String) {
        #expect(LicenseRegistrationRoutes.defaultDomain(baseURL: base).value == domain)
    }
}
