import Foundation
import Testing

@Suite("Store events: refusals", .enabled(if: Events.isConfigured, "set by scripts/test.sh"))
struct EventsRefusalTests {
    /// A valid order_paid whose order id tells whether anything was written.
    private func validEvent() async throws -> (body: String, eventID: String, order: Int64) {
        let product = try await Events.licensedProduct()
        let (eventID, order) = (Events.newEventID(), Events.newID())
        let body = Events.event(
            "order_paid",
            id: eventID,
            data: Events.orderData(
                order: order,
                email: Events.newEmail(),
                items: [(product.id, product.variationId, 1, "product")]
            )
        )
        return (body, eventID, order)
    }

    private func expectNothingWritten(
        _ eventID: String,
        order: Int64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(try await Events.inboxRows(eventID) == 0, sourceLocation: sourceLocation)
        #expect(
            try await Database.stack.integer("select count(*) from orders where id = \(order)") == 0,
            sourceLocation: sourceLocation
        )
        #expect(try await Events.licenses(ofOrder: order).isEmpty, sourceLocation: sourceLocation)
    }

    @Test(
        "refuses bad signatures and timestamps with 401 invalid_signature and writes nothing",
        arguments: [
            "no signature", "no timestamp", "wrong secret", "malformed", "sha1", "stale", "future", "other body",
        ]
    )
    func badSignature(kind: String) async throws {
        let (body, eventID, order) = try await validEvent()
        let good = Events.signature(of: body)
        let now = Int(Date().timeIntervalSince1970)
        let headers: [String: String]
        switch kind {
        case "no signature": headers = ["X-Timestamp": Events.now]
        case "no timestamp": headers = ["X-Signature": good]
        case "wrong secret":
            headers = ["X-Signature": Events.signature(of: body, secret: "wrong"), "X-Timestamp": Events.now]
        case "malformed": headers = ["X-Signature": String(good.dropLast()), "X-Timestamp": Events.now]
        case "sha1": headers = ["X-Signature": "sha1=" + good.dropFirst(7), "X-Timestamp": Events.now]
        case "stale": headers = ["X-Signature": good, "X-Timestamp": String(now - 301)]
        case "future": headers = ["X-Signature": good, "X-Timestamp": String(now + 400)]
        default: headers = ["X-Signature": Events.signature(of: body + " "), "X-Timestamp": Events.now]
        }
        let response = try await Events.post(body, headers: headers)
        response.expectEventError(401, "invalid_signature")
        try await expectNothingWritten(eventID, order: order)
    }

    @Test("refuses an unknown event type with 422 unknown_event_type and writes nothing")
    func unknownType() async throws {
        let eventID = Events.newEventID()
        let response = try await Events.post(Events.event("order_shipped", id: eventID, data: #"{"order":{"id":1}}"#))
        response.expectEventError(422, "unknown_event_type")
        #expect(try await Events.inboxRows(eventID) == 0)
    }

    @Test(
        "refuses malformed events with 400 invalid_event and writes nothing",
        arguments: [
            "not json", "[]", #"{"event_id":"ID","type":"order_paid","data":{}}"#,
            #"{"event_id":"ID","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":ORDER}}}"#,
            #"{"event_id":"ID","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":ORDER,"customer":{"email":"nobody"},"items":[]}}}"#,
            #"{"event_id":"ID","type":"subscription_renewed","occurred_at":"2025-01-15","data":{"subscription":{"id":ORDER}}}"#,
            #"{"event_id":"ID","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":ORDER,"customer":{"email":"a@b.c"},"items":[{"product_id":1,"variation_id":1,"quantity":-1}]}}}"#,
        ]
    )
    func malformed(template: String) async throws {
        let (eventID, order) = (Events.newEventID(), Events.newID())
        let body = template.replacingOccurrences(of: "ID", with: eventID)
            .replacingOccurrences(of: "ORDER", with: String(order))
        let response = try await Events.post(body)
        response.expectEventError(400, "invalid_event")
        try await expectNothingWritten(eventID, order: order)
    }

    @Test("refuses an event_id longer than 191 characters")
    func longEventID() async throws {
        let response = try await Events.post(
            Events.event(
                "subscription_expired",
                id: String(repeating: "e", count: 192),
                data: #"{"subscription":{"id":1}}"#
            )
        )
        response.expectEventError(400, "invalid_event")
    }
}
