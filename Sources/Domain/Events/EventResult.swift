/// What `POST /api/events` answers: the licenses the event issued or changed, and whether it ran now or before.
public struct EventResult: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Applied by this request.
        case processed
        /// Applied earlier under the same `event_id` and body; nothing changed now.
        case duplicate
    }

    public var eventID: String
    public var status: Status
    /// Ids of the licenses the event issued or changed, in id order.
    public var licenses: [Int64]

    public init(eventID: String, status: Status, licenses: [Int64]) {
        self.eventID = eventID
        self.status = status
        self.licenses = licenses
    }

    /// `{"event_id","status","licenses"}`, the answer and the stored `event_inbox.result`.
    public var json: JSONValue {
        .object([
            "event_id": .string(eventID), "status": .string(status.rawValue),
            "licenses": .array(licenses.map(JSONValue.integer)),
        ])
    }

    /// Reads a stored result back, as the answer to a duplicate.
    init(stored: JSONValue, eventID: String) {
        var ids: [Int64] = []
        if case .array(let entries)? = stored["licenses"] {
            for case .integer(let id) in entries { ids.append(id) }
        }
        self.init(eventID: eventID, status: .duplicate, licenses: ids)
    }
}
