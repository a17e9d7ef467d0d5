import Domain
import Foundation

/// Shared values for the decision and expiry tests: a fixed clock and a license that passes every rule.
enum Fixture {
    /// 2025-01-15 10:30:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_736_937_000)

    static func days(_ count: Double) -> TimeInterval { count * 86_400 }

    /// An active, owner-enabled lifetime license of product 42 without an IP lock; each test changes what it needs.
    static func license(
        productID: Int64 = 42,
        status: LicenseStatus = .active,
        ownerEnabled: Bool = true,
        expirationDate: Date? = nil,
        ipLock: Bool = false,
        ip: String? = nil
    ) -> CheckDecision.LicenseState {
        CheckDecision.LicenseState(
            productID: productID,
            status: status,
            ownerEnabled: ownerEnabled,
            expirationDate: expirationDate,
            ipLock: ipLock,
            ip: ip.flatMap(IPAddress.init)
        )
    }

    /// Decides a check of `license` at `now` from `clientIP`, with FluentCart's 15 days of grace by default.
    static func decide(
        _ license: CheckDecision.LicenseState?,
        productExists: Bool = true,
        clientIP: String? = "203.0.113.7",
        graceDays: Int = 15
    ) -> CheckOutcome {
        CheckDecision(expiry: Expiry(graceDays: graceDays)).decide(
            productExists: productExists,
            license: license,
            clientIP: clientIP.flatMap(IPAddress.init),
            now: now
        )
    }
}
