extension Router {
    /// The group `/metrics` counts a request under.
    func routeGroup(_ request: HTTPRequest) -> MetricsLayout.RouteGroup {
        Self.routeGroup(of: destination(of: request))
    }

    /// Derived from the dispatch decision, so the count always names the handler that answered.
    static func routeGroup(of destination: Destination) -> MetricsLayout.RouteGroup {
        switch destination {
        case .health, .liveness: return .health
        case .metrics: return .metrics
        case .faxStore, .unknownAPIPath: return .faxStore
        case .events: return .events
        case .publicProtocol: return .publicProtocol
        case .rest, .otherRESTNamespace: return .rest
        case .notFound: return .other
        }
    }
}
