import Domain
import Foundation
import Testing

@Suite("Check decision order")
struct CheckDecisionOrderTests {
    /// A license that breaks several rules at once, and the rule that must answer.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var license: CheckDecision.LicenseState
        var expected: CheckOutcome
        var testDescription: String { name }
    }

    static let lapsed = Fixture.now - Fixture.days(30)

    static let overlapping: [Case] = [
        Case(
            name: "disabled beats owner-off, expired and IP",
            license: Fixture.license(
                status: .disabled,
                ownerEnabled: false,
                expirationDate: lapsed,
                ipLock: true,
                ip: "198.51.100.20"
            ),
            expected: .disabledByStaff
        ),
        Case(
            name: "owner-off beats expired and IP",
            license: Fixture.license(ownerEnabled: false, expirationDate: lapsed, ipLock: true, ip: "198.51.100.20"),
            expected: .switchedOffByOwner
        ),
        Case(
            name: "owner-off beats an expired status",
            license: Fixture.license(status: .expired, ownerEnabled: false),
            expected: .switchedOffByOwner
        ),
        Case(
            name: "expired beats IP",
            license: Fixture.license(expirationDate: lapsed, ipLock: true, ip: "198.51.100.20"),
            expected: .expired
        ),
        Case(
            name: "IP alone",
            license: Fixture.license(ipLock: true, ip: "198.51.100.20"),
            expected: .ipMismatch(clientIP: "203.0.113.7")
        ),
    ]

    @Test("answers product not found before looking at the license")
    func productMissingComesFirst() {
        let broken = Fixture.license(status: .disabled, ownerEnabled: false)
        #expect(Fixture.decide(broken, productExists: false) == .productNotFound)
        #expect(Fixture.decide(nil, productExists: false) == .productNotFound)
    }

    @Test("answers key not found when no license matched")
    func noLicenseIsKeyNotFound() {
        #expect(Fixture.decide(nil) == .keyNotFound)
    }

    @Test("lets the first failing rule answer", arguments: overlapping)
    func firstFailingRuleAnswers(_ scenario: Case) {
        #expect(Fixture.decide(scenario.license) == scenario.expected)
    }

    @Test(
        "authorises inactive and active licenses with the license's product",
        arguments: [
            LicenseStatus.inactive, .active,
        ]
    )
    func passingStatusesAuthorise(status: LicenseStatus) {
        let license = Fixture.license(productID: 16, status: status)
        #expect(Fixture.decide(license) == .authorised(productID: 16))
    }
}
