import Domain
import Foundation
import Logging

/// `POST /api/events` (fluentcart.md §11, operations.md §5): verifies the signature, decodes the event and hands it
/// to `EventStore`. Every refusal is a WordPress-style error and leaves the database untouched.
struct EventsHandler {
    let database: Database
    let configuration: ServerConfiguration

    /// nil when `EVENTS_SECRET` is unset: the endpoint does not exist, and the router answers its 404.
    func respond(to request: HTTPRequest, logger: Logger) -> HTTPResponse? {
        guard let secret = configuration.eventsSecret else { return nil }
        guard request.method.uppercased() == "POST" else {
            return Self.error(404, "rest_no_route", "No route was found matching the URL and request method.")
        }
        do {
            guard !request.bodyTruncated else { throw EventError(.invalidEvent, "The body is too large.") }
            try EventSignature(secret: secret).verify(
                body: request.body,
                signature: request.headers.signature,
                timestamp: request.headers.timestamp
            )
            let event = try StoreEvent(parsing: request.body)
            let result = try EventStore(database: database, webhooks: configuration.webhooks).process(event)
            logger.info(
                "store event",
                metadata: [
                    "event.id": "\(event.id)", "event.type": "\(event.type.rawValue)",
                    "event.status": "\(result.status.rawValue)",
                    "event.licenses": "\(result.licenses.count)",
                ]
            )
            return .json(result.json)
        } catch let error as EventError {
            logger.notice("store event refused", metadata: ["event.error": "\(error.code)"])
            return Self.response(for: error)
        } catch let error as PostgresError where error.meansUnavailable {
            logger.warning("database unavailable", metadata: ["error": "\(error)"])
            return Self.error(503, "database_unavailable", "The database is unavailable; retry later.")
        } catch {
            logger.error("store event failed", metadata: ["error": "\(String(reflecting: error))"])
            return Self.error(500, "internal_error", "The event could not be processed.")
        }
    }

    /// The one table from refusals to answers on this surface.
    static func response(for error: EventError) -> HTTPResponse {
        switch error.code {
        case .invalidSignature: return Self.error(401, "invalid_signature", error.message)
        case .unknownEventType: return Self.error(422, "unknown_event_type", error.message)
        case .eventConflict: return Self.error(409, "event_conflict", error.message)
        default: return Self.error(400, "invalid_event", error.message)
        }
    }

    /// WordPress's error envelope `{"code","message","data":{"status"}}`.
    static func error(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
        .json(
            .object([
                "code": .string(code), "message": .string(message),
                "data": .object(["status": .integer(Int64(status))]),
            ]),
            status: status,
            headers: status == 503 ? [("Retry-After", "5")] : []
        )
    }
}
