/// Why an incoming store event was refused. Each code maps to one answer of `POST /api/events`; nothing is written
/// for any of them.
public struct EventError: Error, Equatable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidSignature, invalidEvent, unknownEventType, eventConflict
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Missing or stale timestamp, malformed or wrong signature.
        public static let invalidSignature = Code(.invalidSignature)
        /// Not JSON, or a required field missing or of the wrong type.
        public static let invalidEvent = Code(.invalidEvent)
        /// A `type` we do not handle.
        public static let unknownEventType = Code(.unknownEventType)
        /// An `event_id` already processed with a different body.
        public static let eventConflict = Code(.eventConflict)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Safe to show the sender: names the field, never a secret.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
