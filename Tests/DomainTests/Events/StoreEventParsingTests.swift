import Domain
import Foundation
import Testing

@Suite("Store event parsing")
struct StoreEventParsingTests {
    static let orderPaid = """
        {"event_id":"evt_1001","type":"order_paid","occurred_at":"2025-01-15T10:30:00Z",
         "data":{"order":{"id":5001,"type":"subscription","parent_id":null,
           "customer":{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace"},
           "items":[{"product_id":42,"variation_id":43,"quantity":2,"item_type":"product"}],
           "subscription":{"id":901,"next_billing_date":"2026-01-15 10:30:00","reactivate_url":"https://shop/r/901"}}}}
        """

    func parse(_ text: String) throws -> StoreEvent { try StoreEvent(parsing: Array(text.utf8)) }

    func expectCode(_ code: EventError.Code, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try parse(text)
            Issue.record("parsed \(text)", sourceLocation: sourceLocation)
        } catch let error as EventError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("reads the example order_paid of fluentcart.md §11")
    func example() throws {
        let event = try parse(Self.orderPaid)
        #expect(event.id == "evt_1001")
        #expect(event.type == .orderPaid)
        #expect(event.occurredAt == Date(timeIntervalSince1970: 1_736_937_000))
        guard case .order(let order) = event.payload else {
            Issue.record("not an order")
            return
        }
        #expect(order.id == 5001 && order.type == "subscription" && order.parentID == nil)
        #expect(order.customer?.email == "ada@example.com")
        #expect(order.items.first?.quantity == 2)
        #expect(order.subscription?.id == 901)
        #expect(order.subscription?.nextBillingDate == Timestamp.parseCLI("2026-01-15 10:30:00"))
        #expect(event.bodySHA256.count == 64)
    }

    @Test("reads ids, quantities and a zero parent as FluentCart sends them: strings")
    func stringNumbers() throws {
        let event = try parse(
            """
            {"event_id":"e","type":"order_paid","occurred_at":"2025-01-15 10:30:00","data":{"order":{"id":"7",
             "parent_id":"0","customer":{"email":"a@b.c"},"items":[{"product_id":"1","variation_id":"2"}]}}}
            """
        )
        guard case .order(let order) = event.payload else { return }
        #expect(order.id == 7 && order.parentID == nil && order.type == "payment")
        #expect(
            order.items == order.items && order.items.first?.quantity == 1 && order.items.first?.itemType == "product"
        )
    }

    @Test(
        "answers invalid_event for bodies that are not a well-formed event",
        arguments: [
            "", "not json", "[]", #"{"type":"order_paid","occurred_at":"2025-01-15","data":{}}"#,
            #"{"event_id":"","type":"order_paid","occurred_at":"2025-01-15","data":{}}"#,
            #"{"event_id":7,"type":"order_paid","occurred_at":"2025-01-15","data":{}}"#,
            #"{"event_id":"e","occurred_at":"2025-01-15","data":{}}"#,
            #"{"event_id":"e","type":"order_paid","data":{}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"yesterday","data":{}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":[]}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":1,"items":[]}}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":1,"customer":{"email":"x"},"items":[]}}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":1,"customer":{"email":"a@b"}}}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":1,"customer":{"email":"a@b"},"items":[{"product_id":1}]}}}"#,
            #"{"event_id":"e","type":"order_paid","occurred_at":"2025-01-15","data":{"order":{"id":1,"customer":{"email":"a@b"},"items":[{"product_id":1,"variation_id":1,"quantity":0}]}}}"#,
            #"{"event_id":"e","type":"order_payment_failed","occurred_at":"2025-01-15","data":{"order":{"id":-1}}}"#,
            #"{"event_id":"e","type":"order_upgraded","occurred_at":"2025-01-15","data":{"order":{"id":2,"items":[]}}}"#,
            #"{"event_id":"e","type":"subscription_renewed","occurred_at":"2025-01-15","data":{"subscription":{"id":1}}}"#,
            #"{"event_id":"e","type":"subscription_renewed","occurred_at":"2025-01-15","data":{"subscription":{"id":1,"next_billing_date":"soon"}}}"#,
            #"{"event_id":"e","type":"subscription_expired","occurred_at":"2025-01-15","data":{}}"#,
        ]
    )
    func malformed(body: String) {
        expectCode(.invalidEvent, body)
    }

    @Test("refuses an event_id longer than 191 characters")
    func longID() {
        let id = String(repeating: "x", count: 192)
        expectCode(.invalidEvent, #"{"event_id":"\#(id)","type":"x","occurred_at":"2025-01-15","data":{}}"#)
    }

    @Test("answers unknown_event_type for a well-formed event of another type")
    func unknownType() {
        expectCode(.unknownEventType, #"{"event_id":"e","type":"order_shipped","occurred_at":"2025-01-15","data":{}}"#)
    }

    @Test(
        "reads every subscription event with only an id, except renewals and updates",
        arguments: [
            "subscription_expired", "subscription_completed", "subscription_cancelled",
        ]
    )
    func subscriptionEvents(type: String) throws {
        let event = try parse(
            #"{"event_id":"e","type":"\#(type)","occurred_at":"2025-01-15","data":{"subscription":{"id":"9"}}}"#
        )
        #expect(event.payload == .subscription(try #require(subscriptionPayload(event))))
    }

    private func subscriptionPayload(_ event: StoreEvent) -> EventSubscription? {
        if case .subscription(let subscription) = event.payload { return subscription }
        return nil
    }

    @Test("gives different bodies different digests and equal bodies equal ones")
    func digests() throws {
        let first = try parse(Self.orderPaid)
        let again = try parse(Self.orderPaid)
        let other = try parse(Self.orderPaid.replacingOccurrences(of: "\"quantity\":2", with: "\"quantity\":3"))
        #expect(first.bodySHA256 == again.bodySHA256)
        #expect(first.bodySHA256 != other.bodySHA256)
    }
}
