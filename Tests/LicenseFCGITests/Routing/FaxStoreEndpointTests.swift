import Testing

@testable import LicenseFCGI

@Suite("FaxStore endpoints")
struct FaxStoreEndpointTests {
    typealias Endpoint = FaxStoreHandler.Endpoint

    @Test(
        "routes the single and multiple checks, with or without a trailing slash",
        arguments: [
            ("/api/check/5", Endpoint.single(productSegment: "5")),
            ("/api/check/5/", .single(productSegment: "5")),
            ("/api/check/9223372036854775807", .single(productSegment: "9223372036854775807")),
            ("/api/check/multiple", .multiple),
            ("/api/check/multiple/", .multiple),
            ("/api/check/abc", .single(productSegment: "abc")),
        ]
    )
    func routes(path: String, endpoint: Endpoint) {
        #expect(makeRouter().faxStoreEndpoint(path) == endpoint)
    }

    @Test("routes the V1 check only when V1 is enabled", arguments: ["/api/checkitem/5", "/api/checkitem/5/"])
    func v1(path: String) {
        #expect(makeRouter(v1Enabled: true).faxStoreEndpoint(path) == .v1(productSegment: "5"))
        #expect(makeRouter(v1Enabled: false).faxStoreEndpoint(path) == nil)
    }

    @Test("enables V1 from FAXSTORE_V1_ENABLED=true")
    func v1FromEnvironment() {
        let router = makeRouter(environment: ["FAXSTORE_V1_ENABLED": "TRUE"])
        #expect(router.faxStoreEndpoint("/api/checkitem/5") == .v1(productSegment: "5"))
    }

    @Test(
        "knows no other path",
        arguments: [
            "/api/check", "/api/check/", "/api/check//", "/api/check/5/x", "/api/check/5//", "/api/other",
            "/api/other/5", "/api", "/api/", "/api//5", "/healthz", "//api/check/5", "/api/checkitem",
        ]
    )
    func unknown(path: String) {
        #expect(makeRouter(v1Enabled: true).faxStoreEndpoint(path) == nil)
    }
}
