import Domain
import Logging

/// `GET /healthz`: 200 while this worker thread and its database connection answer, 503 otherwise, so that a
/// load balancer can tell a node that cannot serve.
struct HealthHandler {
    let database: Database

    func respond(to request: HTTPRequest, logger: Logger) -> HTTPResponse {
        do {
            _ = try database.run { connection in try connection.query(Self.ping) }
            return .json(.object(["status": "ok"]))
        } catch {
            logger.warning("health check failed", metadata: ["error": "\(error)"])
            return .json(
                .object(["status": "unavailable", "database": "unreachable"]),
                status: 503,
                headers: [("Retry-After", "5")]
            )
        }
    }

    /// `GET /livez`: 200 whenever a worker thread answers. A load balancer in front of several app nodes judges a
    /// node by this, not by `/healthz`: the nodes share one database, so its outage is no reason to stop sending
    /// to a node, and a node answers 503 JSON itself (after holding the request through a failover) while it lasts.
    static let liveness = HTTPResponse.json(.object(["status": "ok"]))

    static let ping = PreparedStatement("health_ping", "SELECT 1")
}
