import Foundation

/// Order events (fluentcart.md §11): issuing on payment, disabling on a failed payment or a refund, and upgrades.
extension EventContext {
    /// One license per licensed line; nothing for a renewal order or an order that already has licenses.
    func orderPaid(_ order: EventOrder) throws -> [Int64] {
        guard order.type != "renewal" else { return [] }
        let customerID = try order.customer.flatMap(customerID(for:))
        // The upsert locks the order row first, so a second event for this order waits and then sees our licenses.
        try connection.query(EventSQL.upsertOrder, [order.id.sql, order.parentID?.sql, order.type, customerID?.sql])
        let existing = try connection.query(EventSQL.orderHasLicenses, [order.id.sql]).rows.first?.bool("found")
        guard existing != true else { return [] }
        if let subscription = order.subscription { try storeSubscription(subscription) }
        var issued: [Int64] = []
        for item in order.items {
            guard let terms = try terms(for: item) else { continue }
            let limit = LicenseEventRules.limit(activationLimit: terms.activationLimit, quantity: item.quantity)
            // A subscription's next billing date sets the expiry; otherwise the variation's validity does [O].
            let row = try connection.query(
                EventSQL.insertLicense,
                [
                    LicenseKey.generate(prefix: terms.prefix).rawValue, item.productID.sql, item.variationID.sql,
                    order.id.sql, customerID?.sql, order.subscription?.id.sql, limit.sql,
                    order.subscription?.nextBillingDate?.sql, terms.validity.postgresInterval,
                ]
            ).row(0)
            let license = try License(row: row)
            try audit(license, before: nil)
            try webhooks.enqueue(.licenseIssued, licenseID: license.id, on: connection)
            issued.append(license.id)
        }
        return issued
    }

    /// The order's licenses that are not disabled yet → `disabled`, reason `Payment Failed`.
    func orderPaymentFailed(_ order: EventOrder) throws -> [Int64] {
        try disable(licensesOf: [order.id], reason: LicenseEventRules.paymentFailed) {
            LicenseEventRules.paymentFailureDisables($0.status)
        }
    }

    /// The licenses of the order and of its parent (from the event, else as stored) → `disabled`, reason
    /// `Refunded`; a staff lock keeps its own reason.
    func orderFullyRefunded(_ order: EventOrder) throws -> [Int64] {
        let storedParent = try connection.query(EventSQL.orderParent, [order.id.sql]).rows.first?.int("parent_id")
        let orders = [order.id] + [order.parentID ?? storedParent].compactMap { $0 }
        return try disable(licensesOf: orders, reason: LicenseEventRules.refunded) {
            LicenseEventRules.refundDisables($0.status, reason: $0.reason)
        }
    }

    /// Locks the orders' licenses and disables, with `reason`, those `applies` picks; returns the ones changed.
    private func disable(
        licensesOf orders: [Int64],
        reason: String,
        where applies: (License) -> Bool
    ) throws -> [Int64] {
        var changed: [Int64] = []
        for before in try lockLicenses(ofOrders: orders) where applies(before) {
            var license = before
            license.status = .disabled
            license.setReason(reason)
            if try save(license, before: before) { changed.append(license.id) }
        }
        return changed
    }

    /// Updates in place the licenses of the upgraded order (`parent_id`) for each line's product: same key, the
    /// new variation, limit and expiry, moved to the new order with the old one in `config.prev_order_ids`
    /// (docs/events.md). Expired licenses and those disabled for a failed payment come back as for a renewal.
    func orderUpgraded(_ order: EventOrder) throws -> [Int64] {
        guard let parentID = order.parentID else { return [] }
        let customerID =
            try order.customer.flatMap(customerID(for:))
            ?? connection.query(EventSQL.orderCustomer, [parentID.sql]).rows.first?.int("customer_id")
        try connection.query(EventSQL.upsertOrder, [order.id.sql, parentID.sql, order.type, customerID?.sql])
        if let subscription = order.subscription { try storeSubscription(subscription) }
        var changed: [Int64] = []
        for item in order.items {
            guard let terms = try terms(for: item) else { continue }
            let licenses = try connection.query(EventSQL.lockUpgradable, [parentID.sql, item.productID.sql]).rows
                .map(License.init(row:))
            for before in licenses where !changed.contains(before.id) {
                var license = before
                license.variationID = item.variationID
                license.activationLimit = LicenseEventRules.limit(
                    activationLimit: terms.activationLimit,
                    quantity: item.quantity
                )
                license.expirationDate = try upgradedExpiry(order.subscription, validity: terms.validity)
                license.subscriptionID = order.subscription?.id ?? before.subscriptionID
                license.status = LicenseEventRules.statusAfterRenewal(before.status, reason: before.reason)
                if license.status != before.status { license.setReason(nil) }
                license.orderID = order.id
                license.appendPreviousOrder(before.orderID)
                if try save(license, before: before) {
                    changed.append(license.id)
                    if license.expirationDate != before.expirationDate {
                        try webhooks.enqueue(.licenseRenewed, licenseID: license.id, on: connection)
                    }
                }
            }
        }
        return changed.sorted()
    }

    /// The subscription's next billing date, else the validity from now (nil: lifetime), computed by PostgreSQL's
    /// calendar so that it matches issued licenses.
    private func upgradedExpiry(_ subscription: EventSubscription?, validity: Validity) throws -> Date? {
        if let date = subscription?.nextBillingDate { return date }
        guard let interval = validity.postgresInterval else { return nil }
        let text = try connection.query("SELECT (now() + $1::interval)::text AS at", [interval]).rows.first?["at"]
        return text.flatMap(Timestamp.parsePostgres)
    }
}

extension License {
    /// Adds the order a license leaves to `config.prev_order_ids`, as FluentCart records upgrades.
    mutating func appendPreviousOrder(_ orderID: Int64?) {
        guard let orderID else { return }
        var object: JSONObject
        if case .object(let existing) = config { object = existing } else { object = JSONObject() }
        var previous: [JSONValue] = []
        if case .array(let entries)? = object["prev_order_ids"] { previous = entries }
        if !previous.contains(.integer(orderID)) { previous.append(.integer(orderID)) }
        object["prev_order_ids"] = .array(previous)
        config = .object(object)
    }
}
