import Foundation

/// Subscription events (fluentcart.md §11; updated and cancelled are ours, docs/events.md).
extension EventContext {
    /// New expiry = `next_billing_date`; expired and payment-failed licenses come back as `active`;
    /// `license_renewed` when the date changed. Also what `subscription_updated` does.
    func subscriptionRenewed(_ subscription: EventSubscription) throws -> [Int64] {
        try storeSubscription(subscription)
        return try renew(subscription.id, to: subscription.nextBillingDate)
    }

    /// Lifetime (no expiry), re-enabled as by a renewal.
    func subscriptionCompleted(_ subscription: EventSubscription) throws -> [Int64] {
        try storeSubscription(subscription)
        return try renew(subscription.id, to: nil)
    }

    /// Licenses that are `active` or `inactive` → `expired`, each queueing `license_expired`.
    func subscriptionExpired(_ subscription: EventSubscription) throws -> [Int64] {
        try storeSubscription(subscription)
        var changed: [Int64] = []
        for before in try lockLicenses(ofSubscription: subscription.id)
        where LicenseEventRules.subscriptionExpiryExpires(before.status) {
            var license = before
            license.status = .expired
            if try save(license, before: before) {
                changed.append(license.id)
                try webhooks.enqueue(.licenseExpired, licenseID: license.id, on: connection)
            }
        }
        return changed
    }

    /// No more renewals: the licenses run to the end of the paid term (`next_billing_date`, when given) and then
    /// expire through the sweeper; their status does not change and no webhook is queued.
    func subscriptionCancelled(_ subscription: EventSubscription) throws -> [Int64] {
        try storeSubscription(subscription)
        guard let end = subscription.nextBillingDate else { return [] }
        var changed: [Int64] = []
        for before in try lockLicenses(ofSubscription: subscription.id) {
            var license = before
            license.expirationDate = end
            if try save(license, before: before) { changed.append(license.id) }
        }
        return changed
    }

    private func renew(_ subscriptionID: Int64, to expiry: Date?) throws -> [Int64] {
        var changed: [Int64] = []
        for before in try lockLicenses(ofSubscription: subscriptionID) {
            var license = before
            license.expirationDate = expiry
            license.status = LicenseEventRules.statusAfterRenewal(before.status, reason: before.reason)
            if license.status != before.status { license.setReason(nil) }
            if try save(license, before: before) {
                changed.append(license.id)
                if license.expirationDate != before.expirationDate {
                    try webhooks.enqueue(.licenseRenewed, licenseID: license.id, on: connection)
                }
            }
        }
        return changed
    }
}
