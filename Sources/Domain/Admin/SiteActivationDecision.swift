import Foundation

/// What admin `activate_site` does (fluentcart.md §6): §4.3's rules without `item_id`, deciding under the license's
/// row lock. Unlike FluentCart it accepts `inactive` licenses and lets local sites through without a slot [O], and a
/// site that is already active succeeds even on a full license [O].
public enum SiteActivationDecision: Sendable, Equatable {
    /// The license is already active on the site: answer with the existing activation, change nothing.
    case reuse
    /// Create the activation (and the site, when new), then recount.
    case activate
    case refuse(SiteActivationRefusal)

    /// The rules in order: a site is named, the license has not expired (with grace, §2.2), its status is `active`
    /// or `inactive`, then either it is already on the site, or the site is local, or a slot is free.
    public static func decide(
        site: SiteURL?,
        status: LicenseStatus,
        expirationDate: Date?,
        alreadyActive: Bool,
        counted: Int64,
        limit: Int64,
        expiry: Expiry,
        now: Date
    ) -> SiteActivationDecision {
        guard let site else { return .refuse(.missingURL) }
        switch PublicStatus(status: status, expirationDate: expirationDate, expiry: expiry, now: now) {
        case .expired: return .refuse(.expired)
        case .invalid: return .refuse(.notActive)
        case .valid: break
        }
        if alreadyActive { return .reuse }
        if !site.isLocal, limit != 0, counted >= limit { return .refuse(.noActivationsLeft) }
        return .activate
    }
}

/// Why admin `activate_site` refused; the API layer gives each FluentCart's EDD code and our message.
public enum SiteActivationRefusal: Sendable, Equatable, CaseIterable {
    case missingURL
    case expired
    case notActive
    case noActivationsLeft
}
