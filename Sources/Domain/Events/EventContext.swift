import Foundation

/// One event's transaction: the connection, who to credit in the audit log, and where webhooks go. The effects of
/// each event type live in the `EventContext+…` extensions; this file holds the steps they share.
struct EventContext {
    let connection: PostgresConnection
    let webhooks: WebhookOutbox
    /// `event:<event_id>`, the audit log's actor.
    let actor: String
    /// `event.<type>`, the audit log's action.
    let action: String

    /// A variation's license terms, read from its product's settings; nil when the line gets no license.
    struct Terms {
        var activationLimit: Int64?
        var validity: Validity
        var prefix: String
    }

    /// The terms for an order line, or nil when the product is unknown, licensing is off, the variation is not the
    /// product's or has no settings, or the line is a sign-up fee.
    func terms(for item: EventItem) throws -> Terms? {
        let row = try connection.query(EventSQL.productSettings, [item.productID.sql, item.variationID.sql]).rows.first
        guard let row else { return nil }
        let settings: JSONValue? = row["settings"].flatMap { try? JSONParser.parse(Array($0.utf8)) }
        let variation = ProductSettings.variationsByID(settings?["variations"])[item.variationID]
        guard
            LicenseEventRules.issuesLicense(
                licensingEnabled: settings?["enabled"]?.stringValue == "yes",
                variationConfigured: variation != nil && row.bool("variation_exists") == true,
                itemType: item.itemType
            )
        else { return nil }
        let prefix = ProductSettings.text(settings?["prefix"]) ?? ""
        return Terms(
            activationLimit: ProductSettings.limit(variation?["activation_limit"]),
            validity: Validity(json: variation?["validity"]).map(ProductSettings.normalized) ?? .lifetime,
            prefix: LicenseKey.isValidPrefix(prefix) ? prefix : ""
        )
    }

    /// Finds the customer by email (ignoring case) or creates one.
    func customerID(for customer: EventCustomer) throws -> Int64? {
        try connection.query(
            EventSQL.upsertCustomer,
            [customer.email, customer.firstName, customer.lastName]
        ).rows.first?.int("id")
    }

    /// Creates or updates the subscription row; nil fields keep what is stored.
    func storeSubscription(_ subscription: EventSubscription) throws {
        try connection.query(
            EventSQL.upsertSubscription,
            [subscription.id.sql, subscription.nextBillingDate?.sql, subscription.reactivateURL]
        )
    }

    func lockLicenses(ofOrders orders: [Int64]) throws -> [License] {
        try connection.query(EventSQL.lockByOrders, [PostgresArray.literal(orders)]).rows.map(License.init(row:))
    }

    func lockLicenses(ofSubscription id: Int64) throws -> [License] {
        try connection.query(EventSQL.lockBySubscription, [id.sql]).rows.map(License.init(row:))
    }

    /// Writes `license` over `before` (a row locked by this transaction) and records both in the audit log; a
    /// license that did not change is left alone and not reported.
    @discardableResult
    func save(_ license: License, before: License) throws -> Bool {
        guard license != before else { return false }
        let row = try connection.query(
            EventSQL.updateLicense,
            [
                license.id.sql, license.status.rawValue, license.expirationDate?.sql, license.config.serialized,
                license.activationLimit.sql, license.variationID?.sql, license.orderID?.sql,
                license.subscriptionID?.sql,
            ]
        ).row(0)
        let saved = try License(row: row)
        try audit(saved, before: before)
        if before.status != .disabled, saved.status == .disabled {
            try webhooks.enqueue(.licenseDisabled, licenseID: saved.id, on: connection)
        }
        return true
    }

    /// The event's audit row for one license: `before` is nil when the event issued it.
    func audit(_ license: License, before: License?) throws {
        try AuditLog.record(
            connection,
            actor: actor,
            action: action,
            objectType: "license",
            objectID: license.id,
            before: before?.json,
            after: license.json
        )
    }
}

extension License {
    /// `config.reason`, FluentCart's record of why a license is disabled.
    var reason: String? { config["reason"]?.stringValue }

    /// Sets or (nil) removes `config.reason`.
    mutating func setReason(_ reason: String?) {
        var object: JSONObject
        if case .object(let existing) = config { object = existing } else { object = JSONObject() }
        object["reason"] = reason.map(JSONValue.string)
        config = .object(object)
    }
}
