import Foundation

/// Applies store events to PostgreSQL, exactly once per `event_id`.
///
/// The `event_inbox` row is inserted first, in the same transaction as the effects: a concurrent request with the
/// same id waits on the unique index until the first commits, then finds the row and answers as a duplicate; if
/// the first rolled back, the second applies the event itself. So an event is applied once, however often and
/// however concurrently it arrives.
public struct EventStore {
    let database: Database
    let webhooks: WebhookOutbox

    public init(database: Database, webhooks: WebhookOutbox) {
        self.database = database
        self.webhooks = webhooks
    }

    /// Applies `event`, or answers the first result for a replay. Throws `eventConflict` for a known id with a
    /// different body; any failure rolls everything back, the inbox row included.
    public func process(_ event: StoreEvent) throws -> EventResult {
        try database.run { connection in
            try connection.withTransaction { transaction in
                let inserted = try transaction.query(
                    EventSQL.claim,
                    [event.id, event.type.rawValue, event.bodySHA256]
                )
                guard inserted.rowCount == 1 else { return try previousResult(of: event, on: transaction) }
                let context = EventContext(
                    connection: transaction,
                    webhooks: webhooks,
                    actor: "event:" + event.id,
                    action: "event." + event.type.rawValue
                )
                let licenses = try apply(event, context)
                let result = EventResult(eventID: event.id, status: .processed, licenses: licenses)
                try transaction.query(EventSQL.recordResult, [event.id, result.json.serialized])
                return result
            }
        }
    }

    private func previousResult(of event: StoreEvent, on connection: PostgresConnection) throws -> EventResult {
        guard let row = try connection.query(EventSQL.previous, [event.id]).rows.first else {
            throw DomainError(.internalFailure, "event_inbox row vanished")
        }
        guard row["body_sha256"] == event.bodySHA256 else {
            throw EventError(.eventConflict, "This event_id was already received with a different body.")
        }
        let stored = row["result"].flatMap { try? JSONParser.parse(Array($0.utf8)) } ?? .object([:])
        return EventResult(stored: stored, eventID: event.id)
    }

    private func apply(_ event: StoreEvent, _ context: EventContext) throws -> [Int64] {
        switch (event.type, event.payload) {
        case (.orderPaid, .order(let order)): return try context.orderPaid(order)
        case (.orderPaymentFailed, .order(let order)): return try context.orderPaymentFailed(order)
        case (.orderFullyRefunded, .order(let order)): return try context.orderFullyRefunded(order)
        case (.orderUpgraded, .order(let order)): return try context.orderUpgraded(order)
        case (.subscriptionRenewed, .subscription(let subscription)),
            (.subscriptionUpdated, .subscription(let subscription)):
            return try context.subscriptionRenewed(subscription)
        case (.subscriptionCancelled, .subscription(let subscription)):
            return try context.subscriptionCancelled(subscription)
        case (.subscriptionExpired, .subscription(let subscription)):
            return try context.subscriptionExpired(subscription)
        case (.subscriptionCompleted, .subscription(let subscription)):
            return try context.subscriptionCompleted(subscription)
        default:
            throw DomainError(.internalFailure, "event payload does not match its type")
        }
    }
}
