import Domain
import Foundation
import Testing

@Suite("Check decision on expiry")
struct CheckDecisionExpiryTests {
    @Test("answers expired for an expired status, even with a future date")
    func expiredStatus() {
        #expect(Fixture.decide(Fixture.license(status: .expired)) == .expired)
        let future = Fixture.now + Fixture.days(365)
        #expect(Fixture.decide(Fixture.license(status: .expired, expirationDate: future)) == .expired)
    }

    @Test("answers expired once the expiration date plus 15 days is past")
    func expiredAfterGrace() {
        let expiration = Fixture.now - Fixture.days(15) - 1
        #expect(Fixture.decide(Fixture.license(expirationDate: expiration)) == .expired)
    }

    @Test("still authorises 14 days after the expiration date")
    func withinGrace() {
        let expiration = Fixture.now - Fixture.days(14)
        #expect(Fixture.decide(Fixture.license(expirationDate: expiration)) == .authorised(productID: 42))
    }

    @Test("never expires a lifetime license")
    func lifetimeNeverExpires() {
        #expect(Fixture.decide(Fixture.license(expirationDate: nil)) == .authorised(productID: 42))
    }

    @Test("honours a custom grace period")
    func customGrace() {
        let expiration = Fixture.now - Fixture.days(4)
        #expect(Fixture.decide(Fixture.license(expirationDate: expiration), graceDays: 3) == .expired)
        #expect(Fixture.decide(Fixture.license(expirationDate: expiration), graceDays: 5) == .authorised(productID: 42))
    }

    @Test("expires at once with a grace of zero days")
    func zeroGrace() {
        let expiration = Fixture.now - 1
        #expect(Fixture.decide(Fixture.license(expirationDate: expiration), graceDays: 0) == .expired)
    }
}
