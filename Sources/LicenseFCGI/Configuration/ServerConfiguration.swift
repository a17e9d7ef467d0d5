import Domain
import Foundation

/// Everything a worker needs to serve, built once from flags and the environment (the environment wins over
/// defaults; flags win over the environment).
struct ServerConfiguration: Sendable {
    /// libpq URL or conninfo of the primary. Defaults to the embedded cluster of `make run`.
    var databaseURL: String
    /// Scheme and host for the FaxStore success text and for URLs we hand out; nil builds it from `HTTPS` and
    /// `Host` of each request.
    var publicBaseURL: String?
    /// Serves the legacy `/api/checkitem/{id}` (faxstore.md §8). Off by default.
    var faxStoreV1Enabled: Bool
    /// Days a lapsed license keeps working on the public APIs. Defaults to 15, as in FluentCart.
    var graceDays: Int
    /// Threads per worker, each with its own PostgreSQL connection. Defaults to 8.
    var threadsPerWorker: Int

    static let defaultDatabaseURL = "postgresql://127.0.0.1:54329/licenses"

    init(
        databaseURL: String? = nil,
        faxStoreV1: Bool = false,
        threads: Int? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.databaseURL =
            databaseURL ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.defaultDatabaseURL
        var base = environment["PUBLIC_BASE_URL"]?.trimmingWhitespace ?? ""
        while base.hasSuffix("/") { base.removeLast() }
        publicBaseURL = base.isEmpty ? nil : base
        faxStoreV1Enabled = faxStoreV1 || environment["FAXSTORE_V1_ENABLED"]?.lowercased() == "true"
        graceDays = environment["GRACE_DAYS"].flatMap(Int.init).map { max($0, 0) } ?? 15
        threadsPerWorker = max(threads ?? 8, 1)
    }

    /// `PUBLIC_BASE_URL` without a trailing slash, else the scheme and host nginx passed.
    func publicBaseURL(for request: HTTPRequest) -> String {
        if let publicBaseURL { return publicBaseURL }
        return "\(request.scheme)://\(request.headers.host ?? "localhost")"
    }
}
