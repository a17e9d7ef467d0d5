import Domain

/// `licensing/licenses/{id}` and its actions (fluentcart.md §6).
enum AdminLicenseRoutes {
    static func details(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func regenerateKey(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func extendValidity(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func updateStatus(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func updateLimit(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func deactivateSite(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func activateSite(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func delete(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func updateIP(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
    static func checks(_ context: RESTContext) throws -> HTTPResponse { throw RESTError.noRoute }
}
