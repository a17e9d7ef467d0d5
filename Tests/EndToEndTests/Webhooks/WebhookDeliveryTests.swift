import Crypto
import Foundation
import Testing

/// The dispatcher of the running stacks (fluentcart.md §11): rows of `webhook_outbox` reach their target signed,
/// failures are retried, and only the table holds state.
@Suite("Webhook delivery", .enabled(if: WebhookReceiverLog.isConfigured))
struct WebhookDeliveryTests {
    let database = Database.stack
    let outbox = WebhookOutboxRows()

    @Test("delivers a queued webhook as a signed POST of the stored payload and marks it delivered")
    func deliversSigned() async throws {
        let target = WebhookReceiverLog.uniqueTarget()
        let eventID = try await outbox.queue(to: target)
        let received = try await WebhookReceiverLog.waitFor(1, at: target)
        try #require(received.count == 1)
        let request = received[0]
        let stored = try await database.value(
            "SELECT payload::text FROM webhook_outbox WHERE event_id = \(Database.literal(eventID))"
        )
        #expect(request.body == stored)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-webhook-event-id"] == eventID)
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(request.body.utf8),
            using: SymmetricKey(data: Data(WebhookReceiverLog.secret.utf8))
        )
        #expect(request.headers["x-signature"] == "sha256=" + code.map { String(format: "%02x", $0) }.joined())
        let timestamp = Double(request.headers["x-timestamp"] ?? "") ?? 0
        #expect(abs(timestamp - Date().timeIntervalSince1970) < 300)
        let state = try await outbox.settled(eventID)
        #expect(state == ["delivered", "1", "t", ""])
    }

    @Test("retries a receiver that answered 500 and records the failure until it succeeds")
    func retriesAfterFailure() async throws {
        let target = WebhookReceiverLog.uniqueTarget(.failFirst)
        let eventID = try await outbox.queue(to: target)
        let received = try await WebhookReceiverLog.waitFor(2, at: target)
        #expect(received.map(\.status) == [500, 200])
        #expect(received.count == 2 && received[0].body == received[1].body)
        #expect(Set(received.map { $0.headers["x-webhook-event-id"] ?? "" }) == [eventID])
        let state = try await outbox.settled(eventID)
        #expect(state == ["delivered", "2", "t", "HTTP 500"])
    }

    @Test("marks a webhook failed when its retries would run past 24 hours")
    func failsAfterADay() async throws {
        let target = WebhookReceiverLog.uniqueTarget(.failFirst)
        let eventID = try await outbox.queue(to: target, createdHoursAgo: 25)
        let state = try await outbox.settled(eventID)
        #expect(state == ["failed", "1", "f", "HTTP 500"])
        #expect(WebhookReceiverLog.received(at: target).count == 1)
    }
}
