import Domain

/// `GET licensing/sites` and `GET licensing/sites/{id}` (fluentcart.md §7).
enum SiteRoutes {
    static func list(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func details(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}
