import Crypto
import Foundation
import Testing

/// Signs and sends store events to the stack (`POST /api/events`), with `E2E_EVENTS_SECRET`, the `EVENTS_SECRET`
/// that `scripts/test.sh` gives both stacks.
enum Events {
    private static let environment = ProcessInfo.processInfo.environment

    static var secret: String { environment["E2E_EVENTS_SECRET"] ?? "" }

    /// True when the stack runs with an events secret the tests know.
    static let isConfigured: Bool = Stack.isConfigured && !(environment["E2E_EVENTS_SECRET"] ?? "").isEmpty

    /// True when stack A queues webhooks (`WEBHOOK_URLS`, announced as `E2E_WEBHOOK_RECEIVER_URL`).
    static let queuesWebhooks: Bool = isConfigured && !(environment["E2E_WEBHOOK_RECEIVER_URL"] ?? "").isEmpty

    /// `sha256=<hex HMAC-SHA256 of body>`.
    static func signature(of body: String, secret: String = Events.secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static var now: String { String(Int(Date().timeIntervalSince1970)) }

    /// Posts `body`, correctly signed unless `headers` says otherwise.
    static func post(
        _ body: String,
        headers: [String: String]? = nil,
        client: HTTPSClient = .main
    ) async throws -> HTTPResponse {
        let signed = headers ?? ["X-Signature": signature(of: body), "X-Timestamp": now]
        return try await client.send("POST", "/api/events", headers: signed, body: .json(body))
    }

    /// An id no other test uses, for orders and subscriptions.
    static func newID() -> Int64 { Int64.random(in: 1_000_000...9_000_000_000_000) }

    static func newEventID() -> String { "evt_" + UUID().uuidString.lowercased() }

    /// A whole event body.
    static func event(_ type: String, id: String = newEventID(), data: String) -> String {
        #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"2025-01-15T10:30:00Z","data":\#(data)}"#
    }

    /// `data` of an `order_paid` for one line per item.
    static func orderData(
        order: Int64,
        email: String,
        items: [(product: Int64, variation: Int64, quantity: Int, type: String)],
        orderType: String = "payment",
        parent: Int64? = nil,
        subscription: (id: Int64, next: String)? = nil
    ) -> String {
        let lines = items.map {
            #"{"product_id":\#($0.product),"variation_id":\#($0.variation),"quantity":\#($0.quantity),"item_type":"\#($0.type)"}"#
        }
        var order = #"{"id":\#(order),"type":"\#(orderType)","parent_id":\#(parent.map(String.init) ?? "null"),"#
        order += #""customer":{"email":"\#(email)","first_name":"Ada","last_name":"Lovelace"},"#
        order += #""items":[\#(lines.joined(separator: ","))]"#
        if let subscription {
            order += #","subscription":{"id":\#(subscription.id),"next_billing_date":"\#(subscription.next)","#
            order += #""reactivate_url":"https://shop.example/renew/\#(subscription.id)"}"#
        }
        return #"{"order":\#(order)}}"#
    }

    static func newEmail() -> String { "events-\(UUID().uuidString.lowercased())@example.test" }

    /// A product with licensing on, prefix `evt-`, limit and validity as given on its default variation.
    static func licensedProduct(limit: String = "2", validity: String = "1 year") async throws -> Product {
        var options = ["--licensing", "on", "--version", "1.0.0", "--prefix", "evt-", "--validity", validity]
        if !limit.isEmpty { options += ["--activation-limit", limit] }
        return try await CLI.stack.createProduct(options)
    }

    /// The licenses of an order: `[id, status, limit, variation, key, expiry or nil, reason or nil, subscription]`.
    static func licenses(ofOrder order: Int64) async throws -> [LicenseRow] {
        try await licenses(where: "order_id = \(order)")
    }

    static func licenses(where condition: String) async throws -> [LicenseRow] {
        try await Database.stack.rows(
            """
            select id, status, activation_limit, variation_id, license_key,
                   to_char(expiration_date at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), config->>'reason',
                   subscription_id, customer_id, order_id, product_id
            from licenses where \(condition) order by id
            """
        ).map(LicenseRow.init)
    }

    /// Rows the event left in `event_inbox` (0 or 1).
    static func inboxRows(_ eventID: String) async throws -> Int {
        try await Database.stack.integer(
            "select count(*) from event_inbox where event_id = \(Database.literal(eventID))"
        )
    }

    /// `webhook_outbox` rows of `type` about `license`.
    static func webhooks(_ type: String, license: Int64) async throws -> Int {
        try await Database.stack.integer(
            """
            select count(*) from webhook_outbox
            where type = \(Database.literal(type)) and (payload #>> '{data,license,id}')::bigint = \(license)
            """
        )
    }
}

/// A license row as the event tests read it.
struct LicenseRow: Sendable, Equatable {
    var id: Int64
    var status: String
    var limit: Int64
    var variationID: Int64?
    var key: String
    var expiry: String?
    var reason: String?
    var subscriptionID: Int64?
    var customerID: Int64?
    var orderID: Int64?
    var productID: Int64

    init(_ fields: [String?]) {
        id = Int64(fields[0] ?? "") ?? 0
        status = fields[1] ?? ""
        limit = Int64(fields[2] ?? "") ?? -1
        variationID = fields[3].flatMap { Int64($0) }
        key = fields[4] ?? ""
        expiry = fields[5]
        reason = fields[6]
        subscriptionID = fields[7].flatMap { Int64($0) }
        customerID = fields[8].flatMap { Int64($0) }
        orderID = fields[9].flatMap { Int64($0) }
        productID = Int64(fields[10] ?? "") ?? 0
    }
}

extension HTTPResponse {
    /// `licenses` of an events answer.
    var licenseIDs: [Int64] {
        (json?["licenses"] as? [Any])?.compactMap { ($0 as? NSNumber)?.int64Value } ?? []
    }

    /// Expects the WordPress error envelope with `code` and `status`.
    func expectEventError(_ status: Int, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.status == status, "\(self)", sourceLocation: sourceLocation)
        #expect(json?["code"] as? String == code, "\(self)", sourceLocation: sourceLocation)
        #expect(((json?["data"] as? [String: Any])?["status"] as? Int) == status, sourceLocation: sourceLocation)
        #expect((json?["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    }
}
