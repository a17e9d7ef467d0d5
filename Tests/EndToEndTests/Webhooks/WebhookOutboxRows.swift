import Foundation

/// Rows of `webhook_outbox` written and read straight in the stack's database, as `WebhookOutbox.enqueue` writes them.
struct WebhookOutboxRows {
    let database = Database.stack

    /// Queues a webhook as `WebhookOutbox.enqueue` would, straight into the table; returns its event id. Its license id
    /// is 0, which no license has, so tests that count one license's webhooks never see it.
    func queue(to target: String, createdHoursAgo hours: Int = 0) async throws -> String {
        let eventID = "whk_e2e_" + UUID().uuidString.lowercased()
        let payload =
            #"{"event_id":"\#(eventID)","type":"license_issued","occurred_at":"2025-01-15T10:30:00Z","data":{"license":{"id":0}}}"#
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
}
