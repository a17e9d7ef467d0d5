import Domain
import Logging

/// The one place that dispatches (fluentcart.md §1): health, the FaxStore paths, FluentCart's public protocol on
/// any path, then everything else.
struct Router {
    let faxStore: FaxStoreHandler
    let publicProtocol: PublicProtocolHandler
    let rest: RESTRouter
    let health: HealthHandler
    let configuration: ServerConfiguration
    /// `GET /metrics` (Prometheus); refuses every address by default.
    var metrics = MetricsHandler(directory: nil, allowed: MetricsAllowList([]))

    /// Where a request goes. Decided once per request, so that answering it and counting it (`/metrics`) agree
    /// without reading its query or body twice.
    enum Destination: Equatable {
        case health
        /// `/livez`: the worker answers, whatever the database's state.
        case liveness
        case metrics
        case faxStore(FaxStoreHandler.Endpoint)
        /// `POST /api/events`, only while `EVENTS_SECRET` is set.
        case events
        case publicProtocol
        /// Another `/api/…` path: FaxStore's unknown-endpoint answer.
        case unknownAPIPath
        case rest(route: String)
        case otherRESTNamespace
        case notFound
    }

    /// fluentcart.md §1's order: the cheap path tests first, so a FaxStore check never parses its query for this.
    func destination(of request: HTTPRequest) -> Destination {
        let path = request.path.lowercased()
        if path == "/healthz" { return .health }
        if path == "/livez" { return .liveness }
        if path == "/metrics" { return .metrics }
        let isAPIPath = path == "/api" || path.hasPrefix("/api/")
        if isAPIPath, let endpoint = faxStoreEndpoint(path) { return .faxStore(endpoint) }
        if Self.isEventsPath(path), configuration.eventsSecret != nil { return .events }
        if Self.namesPublicAction(request) { return .publicProtocol }
        if isAPIPath { return .unknownAPIPath }
        switch Self.restTarget(request) {
        case .route(let route)?: return .rest(route: route)
        case .otherNamespace?: return .otherRESTNamespace
        case nil: return .notFound
        }
    }

    func respond(to request: HTTPRequest, logger: Logger) -> HTTPResponse {
        respond(to: request, destination: destination(of: request), logger: logger)
    }

    func respond(to request: HTTPRequest, destination: Destination, logger: Logger) -> HTTPResponse {
        switch destination {
        case .health: return health.respond(to: request, logger: logger)
        case .liveness: return HealthHandler.liveness
        case .metrics: return metrics.respond(to: request)
        case .faxStore(let endpoint): return faxStore.respond(to: request, endpoint: endpoint, logger: logger)
        case .events:
            return events.respond(to: request, logger: logger) ?? FaxStoreResponses.error(.unknownEndpoint)
        case .publicProtocol: return publicProtocol.respond(to: request, logger: logger)
        case .unknownAPIPath: return FaxStoreResponses.error(.unknownEndpoint)
        case .rest(let route): return rest.respond(to: request, route: route, logger: logger)
        case .otherRESTNamespace: return RESTError.noRoute.response
        case .notFound:
            return .json(
                .object(["code": "not_found", "message": "Not found.", "data": .object(["status": 404])]),
                status: 404
            )
        }
    }

    /// What a WordPress REST request names.
    enum RESTTarget: Equatable {
        /// A route under our namespace: the part after `fluent-cart/v2/`.
        case route(String)
        /// Any other `/wp-json/…` or `rest_route`: no route of ours.
        case otherNamespace
    }

    /// `/wp-json/fluent-cart/v2/<route>`, or `?rest_route=/fluent-cart/v2/<route>` (plain permalinks); nil when the
    /// request is not a REST request at all.
    static func restTarget(_ request: HTTPRequest) -> RESTTarget? {
        let prefix = "/wp-json/" + RESTRouter.namespace + "/"
        let path = request.path.lowercased()
        if path.hasPrefix(prefix) { return .route(String(request.path.dropFirst(prefix.count))) }
        if path == "/wp-json" || path.hasPrefix("/wp-json/") { return .otherNamespace }
        guard request.query.contains("rest_route"),
            let value = FormDecoder.decode(request.query).last(where: { $0.name == "rest_route" })?.value
        else { return nil }
        let namespace = "/" + RESTRouter.namespace + "/"
        guard value.lowercased().hasPrefix(namespace) else { return .otherNamespace }
        return .route(String(value.dropFirst(namespace.count)))
    }

    /// A non-empty `fluent-cart` parameter in the query or in a form body, as WordPress would see it.
    static func namesPublicAction(_ request: HTTPRequest) -> Bool {
        // Names are decoded first, as PHP decodes them (`fluent%2Dcart` is `fluent-cart`).
        if !request.query.isEmpty, PublicParameters(query: request.query)["fluent-cart"] != nil { return true }
        return PublicParameters.formNamesAction(request)
    }

    /// `/api/check/multiple`, `/api/check/{id}` and, when enabled, `/api/checkitem/{id}`; a trailing slash is
    /// tolerated. `multiple` is never a product id.
    func faxStoreEndpoint(_ path: String) -> FaxStoreHandler.Endpoint? {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.count == 4, segments.last == "" { segments = segments.dropLast() }
        guard segments.count == 3, segments.first == "api", !segments.last!.isEmpty else { return nil }
        let product = String(segments.last!)
        switch segments[segments.startIndex + 1] {
        case "check": return product == "multiple" ? .multiple : .single(productSegment: product)
        case "checkitem": return configuration.faxStoreV1Enabled ? .v1(productSegment: product) : nil
        default: return nil
        }
    }
}
