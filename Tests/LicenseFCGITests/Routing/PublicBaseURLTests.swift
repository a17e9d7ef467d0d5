import Testing

@testable import LicenseFCGI

@Suite("Public base URL")
struct PublicBaseURLTests {
    @Test(
        "uses PUBLIC_BASE_URL without trailing slashes",
        arguments: [
            "https://licenses.example.com", "https://licenses.example.com/", " https://licenses.example.com// ",
        ]
    )
    func configured(value: String) {
        let configuration = ServerConfiguration(environment: ["PUBLIC_BASE_URL": value])
        #expect(configuration.publicBaseURL(for: request()) == "https://licenses.example.com")
    }

    @Test("builds the base from the scheme and host nginx passed when unset", arguments: [nil, "", "  "] as [String?])
    func fromRequest(value: String?) {
        let environment = value.map { ["PUBLIC_BASE_URL": $0] } ?? [:]
        let configuration = ServerConfiguration(environment: environment)
        #expect(configuration.publicBaseURL(for: request()) == "https://licenses.test")
    }
}
