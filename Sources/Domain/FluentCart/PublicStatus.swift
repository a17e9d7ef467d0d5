import Foundation

/// The status the FluentCart public protocol reports for a license (fluentcart.md §2.2).
public enum PublicStatus: String, Sendable {
    case valid
    case expired
    case invalid

    /// `valid` while the license is usable; otherwise `expired` once past expiry plus grace (or marked expired),
    /// else `invalid` (disabled).
    public init(status: LicenseStatus, expirationDate: Date?, expiry: Expiry, now: Date) {
        if expiry.isExpired(status: status, expirationDate: expirationDate, now: now) {
            self = .expired
        } else if status == .active || status == .inactive {
            self = .valid
        } else {
            self = .invalid
        }
    }
}
