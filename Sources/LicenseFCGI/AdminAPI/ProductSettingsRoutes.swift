import Domain

/// `licensing/products/{id}/settings`, GET and POST (fluentcart.md §8).
enum ProductSettingsRoutes {
    static func show(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func update(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}
