extension Router {
    /// The group `/metrics` counts a request under, decided as `respond(to:logger:)` dispatches: the cheap path
    /// tests first, so a FaxStore check never parses its query or body for this.
    func routeGroup(_ request: HTTPRequest) -> MetricsLayout.RouteGroup {
        let path = request.path.lowercased()
        if path == "/healthz" { return .health }
        if path == "/metrics" { return .metrics }
        let isAPIPath = path == "/api" || path.hasPrefix("/api/")
        if isAPIPath, faxStoreEndpoint(path) != nil { return .faxStore }
        if Self.isEventsPath(path) { return .events }
        if Self.namesPublicAction(request) { return .publicProtocol }
        if isAPIPath { return .faxStore }
        return Self.restTarget(request) == nil ? .other : .rest
    }
}
