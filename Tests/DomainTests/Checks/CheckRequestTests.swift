import Domain
import Testing

@Suite("Check request")
struct CheckRequestTests {
    func check(api: CheckAPI = .check, userAgent: String = "curl/8", info: String = "") -> CheckRequest {
        CheckRequest(
            productIDs: [42],
            api: api,
            key: LicenseKey("fct-3f9a1c7e58b24d06"),
            clientIP: IPAddress("203.0.113.7"),
            userAgent: userAgent,
            info: info,
            log: true
        )
    }

    @Test("keeps at most 1000 characters of info")
    func infoTruncated() {
        #expect(check(info: String(repeating: "é", count: 1001)).info == String(repeating: "é", count: 1000))
        #expect(check(info: "server #3").info == "server #3")
    }

    @Test("keeps at most 512 characters of the user agent")
    func userAgentTruncated() {
        #expect(check(userAgent: String(repeating: "u", count: 600)).userAgent.count == 512)
    }

    @Test(
        "names one product on the single and V1 APIs, a list on multiple",
        arguments: [
            (CheckAPI.check, true), (.v1, true), (.multiple, false),
        ]
    )
    func single(api: CheckAPI, isSingle: Bool) {
        #expect(check(api: api).isSingle == isSingle)
    }

    @Test(
        "records the API by its log name",
        arguments: [
            (CheckAPI.check, "check"), (.multiple, "multiple"), (.v1, "v1"),
        ]
    )
    func apiNames(api: CheckAPI, name: String) {
        #expect(api.rawValue == name)
    }
}
