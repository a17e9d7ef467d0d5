import Domain

/// `customer-profile/licenses…`: a customer's own licenses (fluentcart.md §9).
enum CustomerProfileRoutes {
    static func list(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func details(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func activations(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func deactivateSite(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func enable(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func disable(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}
