import Foundation
import Testing

@Suite("Store events: idempotency", .enabled(if: Events.isConfigured, "set by scripts/test.sh"))
struct EventsIdempotencyTests {
    private func orderPaid(id: String, order: Int64, product: Product, quantity: Int = 1) -> String {
        Events.event(
            "order_paid",
            id: id,
            data: Events.orderData(
                order: order,
                email: Events.newEmail(),
                items: [(product.id, product.variationId, quantity, "product")]
            )
        )
    }

    @Test("a replayed event answers duplicate with the first result and changes nothing")
    func replay() async throws {
        let product = try await Events.licensedProduct()
        let (eventID, order) = (Events.newEventID(), Events.newID())
        let body = orderPaid(id: eventID, order: order, product: product)
        let first = try await Events.post(body)
        let again = try await Events.post(body)
        #expect(first.status == 200 && again.status == 200, "\(first) \(again)")
        #expect(again.json?["status"] as? String == "duplicate")
        #expect(again.json?["event_id"] as? String == eventID)
        #expect(again.licenseIDs == first.licenseIDs && first.licenseIDs.count == 1)
        #expect(try await Events.licenses(where: "product_id = \(product.id)").count == 1)
    }

    @Test("the same event_id with another body is refused with 409 event_conflict")
    func conflict() async throws {
        let product = try await Events.licensedProduct()
        let (eventID, order, otherOrder) = (Events.newEventID(), Events.newID(), Events.newID())
        _ = try await Events.post(orderPaid(id: eventID, order: order, product: product))
        let response = try await Events.post(orderPaid(id: eventID, order: otherOrder, product: product))
        response.expectEventError(409, "event_conflict")
        #expect(try await Events.licenses(ofOrder: otherOrder).isEmpty)
        #expect(try await Database.stack.integer("select count(*) from orders where id = \(otherOrder)") == 0)
    }

    @Test("20 parallel posts of one event issue one set of licenses")
    func concurrentDuplicate() async throws {
        let product = try await Events.licensedProduct()
        let (eventID, order) = (Events.newEventID(), Events.newID())
        let body = orderPaid(id: eventID, order: order, product: product, quantity: 2)
        let responses = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
            for _ in 0..<20 { group.addTask { try await Events.post(body) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.allSatisfy { $0.status == 200 }, "\(responses.filter { $0.status != 200 })")
        let statuses = responses.compactMap { $0.json?["status"] as? String }
        #expect(statuses.filter { $0 == "processed" }.count == 1)
        #expect(statuses.filter { $0 == "duplicate" }.count == 19)
        let licenses = try await Events.licenses(ofOrder: order)
        #expect(licenses.count == 1)
        #expect(Set(responses.map(\.licenseIDs)) == [licenses.map(\.id)])
        if Events.queuesWebhooks {
            #expect(try await Events.webhooks("license_issued", license: licenses[0].id) == 1)
        }
    }

    @Test("either stack answers a duplicate of an event the other applied")
    func acrossStacks() async throws {
        guard Stack.hasV1Stack else { return }
        let product = try await Events.licensedProduct()
        let body = orderPaid(id: Events.newEventID(), order: Events.newID(), product: product)
        let first = try await Events.post(body)
        let second = try await Events.post(body, client: .v1)
        #expect(second.json?["status"] as? String == "duplicate")
        #expect(second.licenseIDs == first.licenseIDs)
    }
}
