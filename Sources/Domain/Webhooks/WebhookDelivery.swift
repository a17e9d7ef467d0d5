import Foundation

/// One due webhook as the dispatcher hands it to the transport: the stored payload is the exact body.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: Int64
    public var eventID: String
    public var targetURL: String
    public var body: [UInt8]
    public var attempts: Int
    public var createdAt: Date

    public init(id: Int64, eventID: String, targetURL: String, body: [UInt8], attempts: Int, createdAt: Date) {
        self.id = id
        self.eventID = eventID
        self.targetURL = targetURL
        self.body = body
        self.attempts = attempts
        self.createdAt = createdAt
    }

    /// What came of one attempt: delivered (a 2xx in time) or an error text for `last_error`.
    public enum Outcome: Sendable, Equatable {
        case delivered
        case failed(String)
    }
}
