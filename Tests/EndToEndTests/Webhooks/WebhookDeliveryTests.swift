import Crypto
import Foundation
import Testing

/// The dispatcher of the running stacks (fluentcart.md §11): rows of `webhook_outbox` reach their target signed,
/// failures are retried, and only the table holds state.
@Suite("Webhook delivery", .enabled(if: WebhookReceiverLog.isConfigured))
struct WebhookDeliveryTests {
    let database = Database.stack

    /// Queues a webhook as `WebhookOutbox.enqueue` would, straight into the table; returns its event id.
    func queue(to target: String, createdHoursAgo hours: Int = 0) async throws -> String {
        let eventID = "whk_e2e_" + UUID().uuidString.lowercased()
        let payload =
            #"{"event_id":"\#(eventID)","type":"license_issued","occurred_at":"2025-01-15T10:30:00Z","data":{"license":{"id":1}}}"#
        _ = try await database.rows(
            """
            INSERT INTO webhook_outbox (event_id, type, payload, target_url, created_at)
            VALUES (\(Database.literal(eventID)), 'license_issued', \(Database.literal(payload))::jsonb,
                    \(Database.literal(target)), now() - interval '\(hours) hours')
            """
        )
        return eventID
    }

    func row(_ eventID: String) async throws -> [String?] {
        try await database.rows(
            """
            SELECT status, attempts::text, delivered_at IS NOT NULL, coalesce(last_error, '')
            FROM webhook_outbox WHERE event_id = \(Database.literal(eventID))
            """
        ).first ?? []
    }

    /// Waits until the row leaves `pending` (the receiver logs before the dispatcher commits).
    func settled(_ eventID: String) async throws -> [String?] {
        for _ in 0..<100 {
            let current = try await row(eventID)
            if current.first != "pending" { return current }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await row(eventID)
    }

    @Test("delivers a queued webhook as a signed POST of the stored payload and marks it delivered")
    func deliversSigned() async throws {
        let target = WebhookReceiverLog.uniqueTarget()
        let eventID = try await queue(to: target)
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
        let state = try await settled(eventID)
        #expect(state == ["delivered", "1", "t", ""])
    }

    @Test("retries a receiver that answered 500 and records the failure until it succeeds")
    func retriesAfterFailure() async throws {
        let target = WebhookReceiverLog.uniqueTarget(failFirst: true)
        let eventID = try await queue(to: target)
        let received = try await WebhookReceiverLog.waitFor(2, at: target)
        #expect(received.map(\.status) == [500, 200])
        #expect(received.count == 2 && received[0].body == received[1].body)
        #expect(Set(received.map { $0.headers["x-webhook-event-id"] ?? "" }) == [eventID])
        let state = try await settled(eventID)
        #expect(state == ["delivered", "2", "t", "HTTP 500"])
    }

    @Test("marks a webhook failed when its retries would run past 24 hours")
    func failsAfterADay() async throws {
        let target = WebhookReceiverLog.uniqueTarget(failFirst: true)
        let eventID = try await queue(to: target, createdHoursAgo: 25)
        let state = try await settled(eventID)
        #expect(state == ["failed", "1", "f", "HTTP 500"])
        #expect(WebhookReceiverLog.received(at: target).count == 1)
    }

    @Test("runs the dispatcher as a supervisor child without `worker` in its command line")
    func backgroundChild() throws {
        let children = backgroundChildren(of: Stack.supervisorPID)
        #expect(children.count == 1)
        for pid in children {
            #expect(!WorkerProcesses.commandLine(of: pid).contains("worker"))
        }
    }
}

/// The supervisor's children running `serve --background`.
func backgroundChildren(of supervisor: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter {
        WorkerProcesses.parent(of: $0) == supervisor && WorkerProcesses.commandLine(of: $0).contains("--background")
    }
}
