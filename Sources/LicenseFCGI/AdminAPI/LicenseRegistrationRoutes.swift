import Domain

/// `settings/license`: this installation's own license registration (fluentcart.md §10).
enum LicenseRegistrationRoutes {
    static func show(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func register(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func unregister(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}
