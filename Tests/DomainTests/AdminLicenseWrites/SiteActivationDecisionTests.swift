import Domain
import Foundation
import Testing

@Suite("Admin activate_site rules")
struct SiteActivationDecisionTests {
    let site = SiteURL("https://shop.example.com")
    let stagingSite = SiteURL("https://staging.shop.example.com")

    func decide(
        site: SiteURL?,
        status: LicenseStatus = .active,
        expirationDate: Date? = nil,
        alreadyActive: Bool = false,
        counted: Int64 = 0,
        limit: Int64 = 3
    ) -> SiteActivationDecision {
        SiteActivationDecision.decide(
            site: site,
            status: status,
            expirationDate: expirationDate,
            alreadyActive: alreadyActive,
            counted: counted,
            limit: limit,
            expiry: Expiry(),
            now: Fixture.now
        )
    }

    @Test("activates an active or inactive license with a free slot", arguments: [LicenseStatus.active, .inactive])
    func activates(status: LicenseStatus) {
        #expect(decide(site: site, status: status, counted: 2) == .activate)
    }

    @Test("refuses without a site first, whatever else is wrong")
    func missingURLFirst() {
        #expect(decide(site: nil, status: .disabled, counted: 9) == .refuse(.missingURL))
    }

    @Test("refuses an expired license, by status or by date past the grace period")
    func expired() {
        #expect(decide(site: site, status: .expired) == .refuse(.expired))
        #expect(decide(site: site, expirationDate: Fixture.now - Fixture.days(16)) == .refuse(.expired))
    }

    @Test("lets a license within its 15 days of grace activate")
    func withinGrace() {
        #expect(decide(site: site, expirationDate: Fixture.now - Fixture.days(14)) == .activate)
    }

    @Test("refuses a disabled license as not active")
    func disabled() {
        #expect(decide(site: site, status: .disabled) == .refuse(.notActive))
    }

    @Test("reuses the activation of a site that is already active, even on a full license")
    func reuse() {
        #expect(decide(site: site, alreadyActive: true, counted: 3, limit: 3) == .reuse)
    }

    @Test("refuses a new production site when no slot is left")
    func full() {
        #expect(decide(site: site, counted: 3, limit: 3) == .refuse(.noActivationsLeft))
        #expect(decide(site: site, counted: 5, limit: 3) == .refuse(.noActivationsLeft))
    }

    @Test("lets local sites and unlimited licenses through without a slot")
    func freeActivations() {
        #expect(decide(site: stagingSite, counted: 3, limit: 3) == .activate)
        #expect(decide(site: site, counted: 500, limit: 0) == .activate)
    }
}
