import Domain
import Foundation
import Testing

@Suite("Public status")
struct PublicStatusTests {
    let now = Date(timeIntervalSince1970: 1_750_000_000)
    let expiry = Expiry(graceDays: 15)

    func status(_ stored: LicenseStatus, expiresInDays days: Double?) -> PublicStatus {
        PublicStatus(
            status: stored,
            expirationDate: days.map { now.addingTimeInterval($0 * 86_400) },
            expiry: expiry,
            now: now
        )
    }

    @Test("inactive and active licenses are valid until expiry plus 15 days of grace")
    func validWithinGrace() {
        #expect(status(.inactive, expiresInDays: nil) == .valid)
        #expect(status(.active, expiresInDays: 30) == .valid)
        #expect(status(.active, expiresInDays: -14.9) == .valid)
        #expect(status(.active, expiresInDays: -15.1) == .expired)
    }

    @Test("a license marked expired is expired whatever its date")
    func markedExpired() {
        #expect(status(.expired, expiresInDays: 300) == .expired)
        #expect(status(.expired, expiresInDays: nil) == .expired)
    }

    @Test("a disabled license is invalid, and expired once past its grace")
    func disabled() {
        #expect(status(.disabled, expiresInDays: nil) == .invalid)
        #expect(status(.disabled, expiresInDays: -16) == .expired)
    }
}
