import Foundation

/// Sends the due rows of `webhook_outbox` (fluentcart.md §11). Each row is claimed with `FOR UPDATE SKIP LOCKED`
/// and kept locked, in its own transaction, while it is sent: several servers sharing the database never send the
/// same row at once, and a crash mid-send releases the lock so the row is simply tried again (at least once). All
/// state lives in the table, so nothing is lost on restart.
public struct WebhookDispatcher {
    public typealias Send = (WebhookDelivery) -> WebhookDelivery.Outcome

    let database: Database
    let policy: WebhookDeliveryPolicy
    let send: Send

    public init(database: Database, policy: WebhookDeliveryPolicy, send: @escaping Send) {
        self.database = database
        self.policy = policy
        self.send = send
    }

    /// Sends due rows one at a time until none is due or `limit` were tried; returns how many were tried.
    @discardableResult
    public func deliverDue(limit: Int = 50) throws -> Int {
        var tried = 0
        while tried < limit, try deliverOne() {
            tried += 1
        }
        return tried
    }

    /// Claims, sends and records one due row; false when none is due.
    func deliverOne() throws -> Bool {
        try database.run(idempotent: false) { connection in
            try connection.withTransaction { transaction in
                let due = try transaction.query(
                    """
                    SELECT id, event_id, target_url, payload::text, attempts,
                           extract(epoch FROM created_at)::float8, extract(epoch FROM now())::float8
                    FROM webhook_outbox
                    WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at, id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED
                    """
                )
                guard due.rowCount == 1, let id = due.int(row: 0, column: 0) else { return false }
                let delivery = WebhookDelivery(
                    id: id,
                    eventID: due.string(row: 0, column: 1) ?? "",
                    targetURL: due.string(row: 0, column: 2) ?? "",
                    body: Array((due.string(row: 0, column: 3) ?? "").utf8),
                    attempts: Int(due.int(row: 0, column: 4) ?? 0),
                    createdAt: Date(timeIntervalSince1970: Double(due.string(row: 0, column: 5) ?? "") ?? 0)
                )
                let now = Date(timeIntervalSince1970: Double(due.string(row: 0, column: 6) ?? "") ?? 0)
                try record(send(delivery), of: delivery, now: now, on: transaction)
                return true
            }
        }
    }

    private func record(
        _ outcome: WebhookDelivery.Outcome,
        of delivery: WebhookDelivery,
        now: Date,
        on transaction: PostgresConnection
    ) throws {
        let attempts = delivery.attempts + 1
        switch outcome {
        case .delivered:
            try transaction.query(
                """
                UPDATE webhook_outbox SET status = 'delivered', attempts = $2, delivered_at = now()
                WHERE id = $1
                """,
                [delivery.id.sql, String(attempts)]
            )
        case .failed(let error):
            let decision = policy.decision(afterAttempt: attempts, createdAt: delivery.createdAt, now: now)
            let next: Date
            let status: String
            switch decision {
            case .retry(let at): (next, status) = (at, "pending")
            case .fail: (next, status) = (now, "failed")
            }
            try transaction.query(
                """
                UPDATE webhook_outbox
                SET status = $2, attempts = $3, last_error = $4, next_attempt_at = to_timestamp($5::float8)
                WHERE id = $1
                """,
                [
                    delivery.id.sql, status, String(attempts), String(error.prefix(1000)),
                    String(next.timeIntervalSince1970),
                ]
            )
        }
    }
}
