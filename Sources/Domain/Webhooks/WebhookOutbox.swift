import Foundation

/// Queues outgoing webhooks in `webhook_outbox`, inside the caller's transaction: a webhook exists exactly when the
/// change that caused it committed, and survives any restart until it is delivered.
///
/// One row per target URL (`WEBHOOK_URLS`), each with its own `event_id` that stays the same across retries; the
/// row's `payload` is the complete body that will be signed and sent.
public struct WebhookOutbox: Sendable {
    /// Where webhooks go; empty means none are queued.
    public var targets: [String]

    public init(targets: [String]) {
        self.targets = targets
    }

    /// Reads `WEBHOOK_URLS`: URLs separated by commas or whitespace; only http(s) URLs are kept.
    public init(environmentValue: String?) {
        let separators: Set<Character> = [",", " ", "\n", "\t"]
        targets = (environmentValue ?? "").split(whereSeparator: { separators.contains($0) }).map(String.init)
            .filter { $0.lowercased().hasPrefix("https://") || $0.lowercased().hasPrefix("http://") }
    }

    /// Queues `type` about the license `licenseID` as it is now in this transaction (the admin license JSON).
    public func enqueue(_ type: WebhookType, licenseID: Int64, on connection: PostgresConnection) throws {
        guard !targets.isEmpty else { return }
        let result = try connection.query(AdminLicense.select + "\nWHERE l.id = $1", [licenseID.sql])
        guard result.rowCount == 1 else { return }
        let license = try AdminLicense(row: result.row(0))
        for target in targets {
            let body: JSONValue = .object([
                "event_id": .string("whk_" + RandomToken.hex(bytes: 12)),
                "type": .string(type.rawValue),
                "occurred_at": .string(Timestamp.iso8601(Date())),
                "data": .object(["license": license.json()]),
            ])
            try connection.query(
                """
                INSERT INTO webhook_outbox (event_id, type, payload, target_url)
                VALUES ($1::jsonb ->> 'event_id', $2, $1::jsonb, $3)
                """,
                [body.serialized, type.rawValue, target]
            )
        }
    }
}
