import Domain
import Testing

@testable import LicenseFCGI

@Suite("FaxStore decision answers")
struct DecisionResponseTests {
    static let base = "https://licenses.example.com"

    static let failures: [(CheckOutcome, String, String)] = [
        (.productNotFound, "NOT FOUND", "Unauthorised - product not found"),
        (.keyNotFound, "NOT FOUND", "Unauthorised - license key not found"),
        (.disabledByStaff, "KEY DISABLED", "License key disabled by staff"),
        (.switchedOffByOwner, "NOT ACTIVE", "License key is not active - the owner can enable it again"),
        (.expired, "KEY EXPIRED", "License key has expired"),
        (
            .ipMismatch(clientIP: "198.51.100.20"), "NOT AUTHORISED",
            "Unauthorised - request IP 198.51.100.20 does not match the license IP"
        ),
    ]

    @Test("answer each failure with HTTP 200 and its words on every API", arguments: failures)
    func failure(outcome: CheckOutcome, word: String, details: String) {
        for api in [CheckAPI.check, .multiple, .v1] {
            let response = FaxStoreResponses.decision(outcome, api: api, publicBaseURL: Self.base)
            expectFaxStoreBody(response, status: 200, word: word, pass: false, details: details)
        }
    }

    @Test("authorise a single check with the public base URL")
    func singleSuccess() {
        let response = FaxStoreResponses.decision(.authorised(productID: 42), api: .check, publicBaseURL: Self.base)
        expectFaxStoreBody(
            response,
            status: 200,
            word: "AUTHORISED",
            pass: true,
            details: "Authorisation completed - https://licenses.example.com"
        )
    }

    @Test("add the matched product as proId to a successful multiple check, and only there")
    func multipleSuccess() {
        let response = FaxStoreResponses.decision(.authorised(productID: 16), api: .multiple, publicBaseURL: Self.base)
        #expect(response.status == 200)
        #expect(
            response.json()
                == .object([
                    "status": "AUTHORISED", "pass": true,
                    "details": "Authorisation completed - https://licenses.example.com",
                    "proId": 16,
                ])
        )
    }

    @Test("answer V1 successes with OK and FaxStore's V1 text")
    func v1Success() {
        let response = FaxStoreResponses.decision(.authorised(productID: 42), api: .v1, publicBaseURL: Self.base)
        expectFaxStoreBody(response, status: 200, word: "OK", pass: true, details: "Authorisation completed!")
    }

    @Test(
        "never add proId outside a successful multiple check",
        arguments: [
            (CheckOutcome.authorised(productID: 16), CheckAPI.check), (.authorised(productID: 16), .v1),
            (.keyNotFound, .multiple), (.expired, .multiple), (.ipMismatch(clientIP: "203.0.113.7"), .multiple),
        ]
    )
    func noProID(outcome: CheckOutcome, api: CheckAPI) {
        let response = FaxStoreResponses.decision(outcome, api: api, publicBaseURL: Self.base)
        #expect(response.keys() == ["status", "pass", "details"])
    }
}
