import Foundation

/// When a license counts as expired on the public APIs.
public struct Expiry: Sendable, Equatable {
    /// Days a lapsed license keeps working on the public APIs. Defaults to 15, as in FluentCart.
    public var graceDays: Int

    public init(graceDays: Int = 15) {
        self.graceDays = graceDays
    }

    /// Expired when the status says so, or when the expiration date plus the grace period lies in the past.
    /// A nil date is a lifetime license.
    public func isExpired(status: LicenseStatus, expirationDate: Date?, now: Date) -> Bool {
        if status == .expired { return true }
        guard let expirationDate else { return false }
        return expirationDate.addingTimeInterval(TimeInterval(graceDays) * 86_400) < now
    }
}
