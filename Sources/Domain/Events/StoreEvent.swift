import Crypto
import Foundation

/// An incoming store event, decoded and validated at the edge of the domain: `{"event_id","type","occurred_at",
/// "data"}` with `data` typed by `type` (docs/events.md). Decoding never touches the database, so a malformed or
/// unknown event is refused before anything is written.
public struct StoreEvent: Sendable, Equatable {
    /// 1–191 characters, the store's own id; the idempotency key.
    public var id: String
    public var type: EventType
    public var occurredAt: Date
    public var payload: EventPayload
    /// Lowercase hex SHA-256 of the raw body: tells a replay (same body) from a conflict (same id, other body).
    public var bodySHA256: String

    /// Longest `event_id`, as `event_inbox` allows.
    public static let maximumIDLength = 191

    /// Throws `invalidEvent` (400) for bad JSON or fields, `unknownEventType` (422) for a type we do not handle.
    public init(parsing body: [UInt8]) throws {
        guard let json = try? JSONParser.parse(body), case .object = json else {
            throw EventError(.invalidEvent, "The body must be a JSON object.")
        }
        guard let id = json["event_id"]?.stringValue, (1...Self.maximumIDLength).contains(id.count) else {
            throw EventError(.invalidEvent, "event_id must be a string of 1 to 191 characters.")
        }
        guard let typeName = json["type"]?.stringValue else {
            throw EventError(.invalidEvent, "type must be a string.")
        }
        guard let occurredText = json["occurred_at"]?.stringValue, let occurredAt = EventDate.parse(occurredText)
        else { throw EventError(.invalidEvent, "occurred_at must be a date such as 2025-01-15T10:30:00Z.") }
        guard let data = json["data"], case .object = data else {
            throw EventError(.invalidEvent, "data must be an object.")
        }
        guard let type = EventType(rawValue: typeName) else {
            throw EventError(.unknownEventType, "Unknown event type.")
        }
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.payload = try EventPayload(type: type, data: data)
        self.bodySHA256 = SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined()
    }
}
