import Domain
import Foundation
import Testing

@Suite("Expiry grace")
struct ExpiryTests {
    let expiry = Expiry()

    @Test("defaults to 15 days of grace, as FluentCart")
    func defaultGrace() {
        #expect(Expiry().graceDays == 15)
    }

    @Test("is not expired before the grace period ends", arguments: [0.0, 1, 14, 14.99])
    func withinGrace(daysAgo: Double) {
        let expiration = Fixture.now - Fixture.days(daysAgo)
        #expect(!expiry.isExpired(status: .active, expirationDate: expiration, now: Fixture.now))
    }

    @Test("is not expired at the very instant the grace period ends")
    func atTheEdge() {
        let expiration = Fixture.now - Fixture.days(15)
        #expect(!expiry.isExpired(status: .active, expirationDate: expiration, now: Fixture.now))
    }

    @Test("is expired once the grace period is past", arguments: [15.0 + 1 / 86_400, 16, 400])
    func pastGrace(daysAgo: Double) {
        let expiration = Fixture.now - Fixture.days(daysAgo)
        #expect(expiry.isExpired(status: .active, expirationDate: expiration, now: Fixture.now))
    }

    @Test("is expired whenever the status says so", arguments: [nil, Fixture.now + Fixture.days(30)])
    func expiredStatus(expiration: Date?) {
        #expect(expiry.isExpired(status: .expired, expirationDate: expiration, now: Fixture.now))
    }

    @Test("never expires a lifetime license", arguments: LicenseStatus.allCases.filter { $0 != .expired })
    func lifetime(status: LicenseStatus) {
        #expect(!expiry.isExpired(status: status, expirationDate: nil, now: .distantFuture))
    }

    @Test("counts a custom grace period in whole days")
    func customGrace() {
        let week = Expiry(graceDays: 7)
        #expect(!week.isExpired(status: .active, expirationDate: Fixture.now - Fixture.days(7), now: Fixture.now))
        #expect(week.isExpired(status: .active, expirationDate: Fixture.now - Fixture.days(7) - 1, now: Fixture.now))
    }
}
